import Foundation

/// `matches()`: an unanchored regular-expression search, as cel-java does with
/// `enableRegexPartialMatch` (permissions §3.4).
///
/// Upstream uses RE2 (re2j); this uses Foundation's ICU engine, whose syntax agrees
/// on everything rules normally use (classes, anchors, groups, repetition). Inputs
/// are bounded by `CELLimits.maxStringBytes`.
enum CELRegex {
    /// Whether `pattern` matches somewhere in `text`.
    static func matches(_ text: String, _ pattern: String) throws(CELEvaluationError) -> Bool {
        let expression: NSRegularExpression
        do {
            expression = try NSRegularExpression(pattern: pattern)
        } catch {
            throw CELEvaluationError(.invalidArgument, "error parsing regexp: invalid pattern `\(pattern)`")
        }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return expression.firstMatch(in: text, options: [], range: range) != nil
    }
}
