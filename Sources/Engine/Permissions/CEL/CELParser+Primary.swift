extension CELParser {
    /// `unary: member | '!'+ member | '-'+ member`. Pairs of `!` or `-` cancel
    /// (cel-java drops them unless `retainRepeatedUnaryOperators`); minuses before a
    /// number literal fold into its sign.
    mutating func parseUnary() throws(CELError) -> CELExpr {
        guard case .punctuation(let p) = current.kind, p == .bang || p == .minus else { return try parseMember() }
        let first = current.offset
        var count = 0
        while accept(p) != nil { count += 1 }
        if p == .minus, isNumber(current.kind) {
            let literal = try parseNumber(negative: count % 2 == 1)
            return try parseMemberSuffixes(of: literal)
        }
        let operand = try parseMember()
        if count % 2 == 0 { return operand }
        return try call(p == .bang ? "!_" : "-_", [operand], at: first)
    }

    /// Whether a token is a number literal.
    func isNumber(_ kind: CELToken.Kind) -> Bool {
        switch kind {
        case .int, .uint, .double: true
        default: false
        }
    }

    /// A number literal at the current token, with a sign folded in.
    mutating func parseNumber(negative: Bool) throws(CELError) -> CELExpr {
        let token = advance()
        let sign = negative ? "-" : ""
        switch token.kind {
        case .int(let magnitude, let text):
            let limit: UInt64 = negative ? 1 << 63 : UInt64(Int64.max)
            guard let magnitude, magnitude <= limit else {
                throw error("For input string: \"\(sign)\(text)\"", at: token.offset)
            }
            let value = negative ? (magnitude == 1 << 63 ? Int64.min : -Int64(magnitude)) : Int64(magnitude)
            return try node(.constant(.int(value)), at: token.offset)
        case .double(let value):
            return try node(.constant(.double(negative ? -value : value)), at: token.offset)
        case .uint(let value):
            // `-1u` is not a literal: negate the unsigned constant (the checker rejects it).
            let constant = try node(.constant(.uint(value)), at: token.offset)
            return negative ? try call("-_", [constant], at: token.offset) : constant
        default:
            throw error(
                "mismatched input '\(token.kind.display)' expecting \(Self.expectingExpression)", at: token.offset)
        }
    }

    /// `member: primary ('.' field | '.' method '(' args ')' | '[' expr ']' | '{' fields '}')*`
    mutating func parseMember() throws(CELError) -> CELExpr {
        try parseMemberSuffixes(of: try parsePrimary())
    }

    /// The selections, method calls and indexes following a primary expression.
    mutating func parseMemberSuffixes(of start: CELExpr) throws(CELError) -> CELExpr {
        var expression = start
        while true {
            if let dot = accept(.dot) {
                let nameToken = advance()
                switch nameToken.kind {
                case .identifier(let name):
                    if let open = accept(.leftParen) {
                        let arguments = try parseArguments()
                        expression = try memberCall(name, target: expression, arguments, at: open.offset)
                    } else {
                        expression = try node(
                            .select(operand: expression, field: name, testOnly: false), at: dot.offset)
                    }
                case .quotedIdentifier(let name):
                    expression = try node(.select(operand: expression, field: name, testOnly: false), at: dot.offset)
                case .punctuation(.question):
                    throw error("unsupported syntax '.?'", at: nameToken.offset)
                default:
                    throw error(
                        "mismatched input '\(nameToken.kind.display)' expecting {IDENTIFIER, ESC_IDENTIFIER}",
                        at: nameToken.offset)
                }
            } else if let open = accept(.leftBracket) {
                if current.kind == .punctuation(.question) { throw error("unsupported syntax '[?'") }
                let index = try parseExpression()
                _ = try expect(.rightBracket)
                expression = try call("_[_]", [expression, index], at: open.offset)
            } else if current.kind == .punctuation(.leftBrace), let name = expression.qualifiedName {
                let open = advance()
                expression = try node(.message(name: name, fields: try parseMessageFields()), at: open.offset)
            } else {
                return expression
            }
        }
    }

    /// `primary`: identifiers, global calls, parentheses, list and map literals, literals.
    mutating func parsePrimary() throws(CELError) -> CELExpr {
        let token = current
        switch token.kind {
        case .punctuation(.dot):
            advance()
            guard case .identifier(let name) = current.kind else {
                throw error("mismatched input '\(current.kind.display)' expecting IDENTIFIER")
            }
            return try parseIdentifierOrCall("." + name)
        case .identifier(let name):
            return try parseIdentifierOrCall(name)
        case .punctuation(.leftParen):
            advance()
            let inner = try parseExpression()
            _ = try expect(.rightParen)
            return inner
        case .punctuation(.leftBracket):
            advance()
            let elements = try parseInitializers(closing: .rightBracket) { parser throws(CELError) in
                try parser.parseExpression()
            }
            return try node(.list(elements), at: token.offset)
        case .punctuation(.leftBrace):
            advance()
            let entries = try parseInitializers(closing: .rightBrace) { parser throws(CELError) in
                if parser.current.kind == .punctuation(.question) { throw parser.error("unsupported syntax '?'") }
                let key = try parser.parseExpression()
                _ = try parser.expect(.colon)
                return CELMapEntry(key: key, value: try parser.parseExpression())
            }
            return try node(.map(entries), at: token.offset)
        case .punctuation(.minus) where isNumber(following.kind):
            advance()
            return try parseNumber(negative: true)
        case .int, .uint, .double:
            return try parseNumber(negative: false)
        case .string(let value):
            advance()
            return try node(.constant(.string(value)), at: token.offset)
        case .bytes(let value):
            advance()
            return try node(.constant(.bytes(value)), at: token.offset)
        case .trueLiteral:
            advance()
            return try node(.constant(.bool(true)), at: token.offset)
        case .falseLiteral:
            advance()
            return try node(.constant(.bool(false)), at: token.offset)
        case .nullLiteral:
            advance()
            return try node(.constant(.null), at: token.offset)
        case .quotedIdentifier, .punctuation, .end:
            throw error("mismatched input '\(token.kind.display)' expecting \(Self.expectingExpression)")
        }
    }

    /// An identifier, or a global call (or macro) when `(` follows.
    mutating func parseIdentifierOrCall(_ name: String) throws(CELError) -> CELExpr {
        let token = advance()
        let bare = name.hasPrefix(".") ? String(name.dropFirst()) : name
        if Self.reservedWords.contains(bare) { throw error("reserved identifier: \(bare)", at: token.offset) }
        guard let open = accept(.leftParen) else { return try node(.identifier(name), at: token.offset) }
        let arguments = try parseArguments()
        return try globalCall(name, arguments, at: open.offset)
    }

    /// `exprList? ')'` after an opening parenthesis.
    mutating func parseArguments() throws(CELError) -> [CELExpr] {
        var arguments: [CELExpr] = []
        if accept(.rightParen) != nil { return arguments }
        repeat {
            arguments.append(try parseExpression())
        } while accept(.comma) != nil
        _ = try expect(.rightParen)
        return arguments
    }

    /// Comma-separated initializers with an optional trailing comma, up to `closing`.
    mutating func parseInitializers<Element>(
        closing: CELToken.Punctuation, _ parseOne: (inout CELParser) throws(CELError) -> Element
    ) throws(CELError) -> [Element] {
        var elements: [Element] = []
        while accept(closing) == nil {
            elements.append(try parseOne(&self))
            if accept(.comma) == nil {
                _ = try expect(closing)
                break
            }
        }
        return elements
    }

    /// `field: value, …` of a message literal, after its `{`.
    mutating func parseMessageFields() throws(CELError) -> [CELMessageField] {
        try parseInitializers(closing: .rightBrace) { parser throws(CELError) in
            let nameToken = parser.advance()
            let name: String
            switch nameToken.kind {
            case .identifier(let n), .quotedIdentifier(let n): name = n
            case .punctuation(.question): throw parser.error("unsupported syntax '?'", at: nameToken.offset)
            default:
                throw parser.error(
                    "mismatched input '\(nameToken.kind.display)' expecting {IDENTIFIER, ESC_IDENTIFIER}",
                    at: nameToken.offset)
            }
            _ = try parser.expect(.colon)
            return CELMessageField(name: name, value: try parser.parseExpression())
        }
    }
}
