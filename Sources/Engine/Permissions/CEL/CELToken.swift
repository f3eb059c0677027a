/// One lexical token of a CEL expression (CEL language definition, "Syntax").
struct CELToken: Equatable, Sendable {
    /// What the token is.
    enum Kind: Equatable, Sendable {
        /// `[_a-zA-Z][_a-zA-Z0-9]*` that is not a keyword.
        case identifier(String)
        /// A back-quoted field name (`` `content-type` ``), allowed only after `.` and
        /// as a message field.
        case quotedIdentifier(String)
        /// An integer literal without sign; `magnitude` is nil when it exceeds 64 bits.
        /// The parser applies a preceding `-` before range-checking, so that
        /// `-9223372036854775808` is a literal as in cel-java's grammar.
        case int(magnitude: UInt64?, text: String)
        /// An unsigned literal (`1u`, `0xFFu`).
        case uint(UInt64)
        /// A floating-point literal (`1.5`, `1e3`, `.5`).
        case double(Double)
        /// A decoded string literal.
        case string(String)
        /// A decoded bytes literal.
        case bytes([UInt8])
        /// `true`.
        case trueLiteral
        /// `false`.
        case falseLiteral
        /// `null`.
        case nullLiteral
        /// An operator or delimiter.
        case punctuation(Punctuation)
        /// End of input.
        case end
    }

    /// Operators and delimiters, spelled as in the source.
    enum Punctuation: String, Sendable {
        case leftParen = "("
        case rightParen = ")"
        case leftBracket = "["
        case rightBracket = "]"
        case leftBrace = "{"
        case rightBrace = "}"
        case dot = "."
        case comma = ","
        case colon = ":"
        case question = "?"
        case plus = "+"
        case minus = "-"
        case star = "*"
        case slash = "/"
        case percent = "%"
        case bang = "!"
        case and = "&&"
        case or = "||"
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case lessEqual = "<="
        case greater = ">"
        case greaterEqual = ">="
        case inKeyword = "in"
    }

    /// The token's kind and value.
    var kind: Kind
    /// Offset of the token's first scalar in the source.
    var offset: Int
}

extension CELToken.Kind {
    /// How ANTLR would print the token in a "mismatched input" message.
    var display: String {
        switch self {
        case .identifier(let name): name
        case .quotedIdentifier(let name): "`\(name)`"
        case .int(_, let text): text
        case .uint(let value): "\(value)u"
        case .double(let value): "\(value)"
        case .string: "string literal"
        case .bytes: "bytes literal"
        case .trueLiteral: "true"
        case .falseLiteral: "false"
        case .nullLiteral: "null"
        case .punctuation(let p): p.rawValue
        case .end: "<EOF>"
        }
    }
}
