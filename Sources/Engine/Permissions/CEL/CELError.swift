/// Why a CEL expression did not compile (upstream: `CelValidationException`).
///
/// Compiling is parse, then type check. A syntax error stops at the first problem;
/// the checker reports every problem it finds (up to `CELLimits.maxIssues`).
public enum CELError: Error, Equatable, Sendable {
    /// The lexer or parser rejected the source (also limit violations and macro misuse).
    case syntax(CELIssue)
    /// The expression parsed but names unknown variables or functions, or applies a
    /// function to arguments no overload accepts.
    case check([CELIssue])

    /// Every issue, in source order.
    public var issues: [CELIssue] {
        switch self {
        case .syntax(let issue): [issue]
        case .check(let issues): issues
        }
    }

    /// The issue messages, as upstream lists them in validation hints (permissions §9).
    public var messages: [String] { issues.map(\.message) }
}

extension CELError {
    /// The text of upstream's `CelValidationException.getMessage()`:
    /// `ERROR: <input>:1:5: message` followed by the source line and a caret.
    public func rendered(source: String) -> String {
        let text = CELSource(source)
        return issues.map { issue in
            let line = text.lineText(issue.line)
            let caret = String(repeating: ".", count: issue.column) + "^"
            return "ERROR: <input>:\(issue.line):\(issue.column + 1): \(issue.message)\n | \(line)\n | \(caret)"
        }.joined(separator: "\n")
    }
}
