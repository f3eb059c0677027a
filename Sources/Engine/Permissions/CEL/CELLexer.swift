/// Splits CEL source into tokens (CEL language definition, "Syntax").
///
/// Pure: scalars in, tokens or the first lexical error out. Positions are offsets in
/// Unicode scalars, the unit cel-java reports.
struct CELLexer {
    /// The source being scanned.
    let source: CELSource
    /// Scalars of the source (shortcut for `source.scalars`).
    let scalars: [Unicode.Scalar]
    /// Offset of the next unread scalar.
    var position = 0

    /// A lexer at the start of `source`.
    init(_ source: CELSource) {
        self.source = source
        self.scalars = source.scalars
    }

    /// Every token of the source, ending with `.end`.
    static func tokenize(_ source: CELSource) throws(CELError) -> [CELToken] {
        var lexer = CELLexer(source)
        var tokens: [CELToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    /// The scalar `ahead` positions past the current one, or nil past the end.
    func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let index = position + ahead
        return index < scalars.count ? scalars[index] : nil
    }

    /// A lexical error at `offset`.
    func error(_ message: String, at offset: Int) -> CELError {
        .syntax(CELIssue(message: message, offset: offset, in: source))
    }

    /// Skips whitespace and `//` comments.
    mutating func skipTrivia() {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" {
                position += 1
            } else if c == "/", peek(1) == "/" {
                while let d = peek(), d != "\n" { position += 1 }
            } else {
                return
            }
        }
    }

    /// Scans the next token.
    mutating func next() throws(CELError) -> CELToken {
        skipTrivia()
        let start = position
        guard let c = peek() else { return CELToken(kind: .end, offset: start) }
        if c.isCELDigit || (c == "." && (peek(1)?.isCELDigit ?? false)) {
            return CELToken(kind: try scanNumber(), offset: start)
        }
        if c == "\"" || c == "'" {
            return CELToken(kind: .string(try scanString(raw: false, start: start)), offset: start)
        }
        if c.isCELIdentifierStart {
            if let literal = try scanPrefixedLiteral(start: start) { return CELToken(kind: literal, offset: start) }
            return CELToken(kind: scanWord(), offset: start)
        }
        if c == "`" { return CELToken(kind: try scanQuotedIdentifier(start: start), offset: start) }
        if let punctuation = scanPunctuation() { return CELToken(kind: .punctuation(punctuation), offset: start) }
        throw error("token recognition error at: '\(String(c))'", at: start)
    }

    /// `r"…"`, `b"…"`, `br"…"` (any case), or nil when the word is an identifier.
    mutating func scanPrefixedLiteral(start: Int) throws(CELError) -> CELToken.Kind? {
        func isQuote(_ s: Unicode.Scalar?) -> Bool { s == "\"" || s == "'" }
        let first = peek()
        let isRaw = first == "r" || first == "R"
        let isBytes = first == "b" || first == "B"
        if isRaw, isQuote(peek(1)) {
            position += 1
            return .string(try scanString(raw: true, start: start))
        }
        guard isBytes else { return nil }
        if isQuote(peek(1)) {
            position += 1
            return .bytes(try scanBytes(raw: false, start: start))
        }
        if peek(1) == "r" || peek(1) == "R", isQuote(peek(2)) {
            position += 2
            return .bytes(try scanBytes(raw: true, start: start))
        }
        return nil
    }

    /// An identifier or keyword.
    mutating func scanWord() -> CELToken.Kind {
        var view = String.UnicodeScalarView()
        while let c = peek(), c.isCELIdentifierPart {
            view.append(c)
            position += 1
        }
        let word = String(view)
        switch word {
        case "true": return .trueLiteral
        case "false": return .falseLiteral
        case "null": return .nullLiteral
        case "in": return .punctuation(.inKeyword)
        default: return .identifier(word)
        }
    }

    /// `` `name` `` with letters, digits, `_ . - /` and spaces inside.
    mutating func scanQuotedIdentifier(start: Int) throws(CELError) -> CELToken.Kind {
        position += 1
        var view = String.UnicodeScalarView()
        while let c = peek(), c != "`" {
            guard c.isCELIdentifierPart || c == "." || c == "-" || c == "/" || c == " " else {
                throw error("token recognition error at: '`\(String(view))\(String(c))'", at: start)
            }
            view.append(c)
            position += 1
        }
        guard peek() == "`", !view.isEmpty else { throw error("token recognition error at: '`'", at: start) }
        position += 1
        return .quotedIdentifier(String(view))
    }

    /// The longest operator or delimiter at the current position.
    mutating func scanPunctuation() -> CELToken.Punctuation? {
        guard let c = peek() else { return nil }
        let two = peek(1).map { String(c) + String($0) }
        if let two, let p = CELToken.Punctuation(rawValue: two), p != .inKeyword {
            position += 2
            return p
        }
        guard let p = CELToken.Punctuation(rawValue: String(c)) else { return nil }
        position += 1
        return p
    }
}

extension Unicode.Scalar {
    /// `0`–`9`.
    var isCELDigit: Bool { ("0"..."9").contains(self) }
    /// `0`–`9`, `a`–`f`, `A`–`F`.
    var isCELHexDigit: Bool { isCELDigit || ("a"..."f").contains(self) || ("A"..."F").contains(self) }
    /// `_`, `a`–`z`, `A`–`Z`.
    var isCELIdentifierStart: Bool { self == "_" || ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    /// An identifier start or a digit.
    var isCELIdentifierPart: Bool { isCELIdentifierStart || isCELDigit }
}
