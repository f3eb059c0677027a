/// A SQL `LIKE`/`ILIKE` pattern with Postgres semantics (data-model §5.3): `%` matches any
/// run of characters, `_` exactly one, and `\` makes the next character literal.
/// The whole value must match.
public struct LikePattern: Sendable, Hashable {
    /// One compiled pattern element.
    enum Token: Hashable, Sendable {
        case literal(Unicode.Scalar)
        case one
        case anyRun
    }

    let tokens: [Token]
    /// `$ilike`: both sides are lowercased before matching.
    public let isCaseInsensitive: Bool

    public init(_ pattern: String, caseInsensitive: Bool) {
        isCaseInsensitive = caseInsensitive
        let source = caseInsensitive ? pattern.lowercased() : pattern
        var out: [Token] = []
        var escaping = false
        for scalar in source.unicodeScalars {
            if escaping {
                out.append(.literal(scalar))
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else if scalar == "%" {
                if out.last != .anyRun { out.append(.anyRun) }
            } else if scalar == "_" {
                out.append(.one)
            } else {
                out.append(.literal(scalar))
            }
        }
        // Postgres treats a trailing lone backslash as a literal backslash.
        if escaping { out.append(.literal("\\")) }
        tokens = out
    }

    /// Whether the whole of `text` matches; linear-space greedy matching with backtracking on `%`.
    public func matches(_ text: String) -> Bool {
        let s = Array((isCaseInsensitive ? text.lowercased() : text).unicodeScalars)
        var si = 0
        var ti = 0
        var starToken = -1
        var starText = 0
        while si < s.count {
            if ti < tokens.count {
                switch tokens[ti] {
                case .anyRun:
                    starToken = ti
                    starText = si
                    ti += 1
                    continue
                case .one:
                    si += 1
                    ti += 1
                    continue
                case .literal(let c) where c == s[si]:
                    si += 1
                    ti += 1
                    continue
                case .literal:
                    break
                }
            }
            guard starToken >= 0 else { return false }
            ti = starToken + 1
            starText += 1
            si = starText
        }
        while ti < tokens.count, tokens[ti] == .anyRun { ti += 1 }
        return ti == tokens.count
    }
}
