/// Parses CEL source into a `CELExpr` (CEL language definition, "Syntax"), by
/// recursive descent over the token list.
///
/// Pure: text in, a tree or the first syntax error out. Follows cel-java's parser
/// where it differs from a naive reading of the grammar: `&&`/`||` chains become
/// balanced trees, repeated `!`/`-` collapse in pairs, a `-` before a number literal
/// is part of the literal, the reserved words are rejected as identifiers, and
/// macros are recognised by name and argument count.
struct CELParser {
    /// The source, for positions in issues.
    let source: CELSource
    /// The tokens, ending with `.end`.
    let tokens: [CELToken]
    /// Index of the current token.
    var index = 0
    /// Next node id.
    var nextID = 1
    /// Current recursion depth of `parseExpression`, bounded like the tree height.
    var nesting = 0

    /// Words CEL reserves; they cannot name variables or functions (cel-java `RESERVED_IDS`).
    static let reservedWords: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop",
        "package", "namespace", "return", "var", "void", "while",
    ]

    /// What ANTLR lists when an expression was expected.
    static let expectingExpression =
        "{'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}"

    /// Parses a whole expression.
    static func parse(_ text: String) throws(CELError) -> CELExpr {
        let source = CELSource(text)
        guard source.scalars.count <= CELLimits.maxSourceCodePoints else {
            let message =
                "expression code point size exceeds limit: size: \(source.scalars.count), limit \(CELLimits.maxSourceCodePoints)"
            throw .syntax(CELIssue(message: message, offset: 0, line: 1, column: 0))
        }
        var parser = CELParser(source: source, tokens: try CELLexer.tokenize(source))
        let expression = try parser.parseExpression()
        guard parser.current.kind == .end else {
            throw parser.error("extraneous input '\(parser.current.kind.display)' expecting <EOF>")
        }
        return expression
    }

    /// The current token.
    var current: CELToken { tokens[index] }

    /// The token after the current one.
    var following: CELToken { tokens[min(index + 1, tokens.count - 1)] }

    /// Moves past the current token and returns it.
    @discardableResult
    mutating func advance() -> CELToken {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    /// Consumes the punctuation if it is current.
    mutating func accept(_ punctuation: CELToken.Punctuation) -> CELToken? {
        guard current.kind == .punctuation(punctuation) else { return nil }
        return advance()
    }

    /// Consumes the punctuation or fails with ANTLR's "mismatched input".
    mutating func expect(_ punctuation: CELToken.Punctuation) throws(CELError) -> CELToken {
        guard let token = accept(punctuation) else {
            throw error("mismatched input '\(current.kind.display)' expecting '\(punctuation.rawValue)'")
        }
        return token
    }

    /// A syntax error at the current token.
    func error(_ message: String) -> CELError { error(message, at: current.offset) }

    /// A syntax error at an offset.
    func error(_ message: String, at offset: Int) -> CELError {
        .syntax(CELIssue(message: message, offset: offset, in: source))
    }

    /// A new node, checked against the height limit.
    mutating func node(_ kind: CELExpr.Kind, at offset: Int) throws(CELError) -> CELExpr {
        let probe = CELExpr(id: 0, offset: offset, height: 0, kind: kind)
        let height = 1 + (probe.children.map(\.height).max() ?? 0)
        guard height <= CELLimits.maxExpressionHeight else { throw heightError() }
        defer { nextID += 1 }
        return CELExpr(id: nextID, offset: offset, height: height, kind: kind)
    }

    /// cel-java's message for too deep an expression.
    func heightError() -> CELError {
        .syntax(
            CELIssue(
                message: "Expression recursion limit exceeded. limit: \(CELLimits.maxExpressionHeight)",
                offset: 0, line: 1, column: 0))
    }

    /// A call node.
    mutating func call(_ function: String, _ arguments: [CELExpr], target: CELExpr? = nil, at offset: Int)
        throws(CELError) -> CELExpr
    {
        try node(.call(function: function, target: target, arguments: arguments), at: offset)
    }

    /// `expr: conditionalOr ('?' conditionalOr ':' expr)?`
    mutating func parseExpression() throws(CELError) -> CELExpr {
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= CELLimits.maxExpressionHeight else { throw heightError() }
        let condition = try parseLogical(.or)
        guard let question = accept(.question) else { return condition }
        let whenTrue = try parseLogical(.or)
        _ = try expect(.colon)
        let whenFalse = try parseExpression()
        return try call("_?_:_", [condition, whenTrue, whenFalse], at: question.offset)
    }

    /// `conditionalOr` / `conditionalAnd`: a chain of terms joined by one operator,
    /// built as a balanced tree as cel-java does.
    mutating func parseLogical(_ op: CELToken.Punctuation) throws(CELError) -> CELExpr {
        var terms = [op == .or ? try parseLogical(.and) : try parseRelation()]
        var operators: [CELToken] = []
        while let token = accept(op) {
            operators.append(token)
            terms.append(op == .or ? try parseLogical(.and) : try parseRelation())
        }
        guard !operators.isEmpty else { return terms[0] }
        return try balance(op == .or ? "_||_" : "_&&_", terms, operators, 0, operators.count - 1)
    }

    /// cel-java's `balancedTree`: the operator in the middle becomes the root.
    mutating func balance(_ function: String, _ terms: [CELExpr], _ operators: [CELToken], _ low: Int, _ high: Int)
        throws(CELError) -> CELExpr
    {
        let mid = (low + high + 1) / 2
        let left = mid == low ? terms[mid] : try balance(function, terms, operators, low, mid - 1)
        let right = mid == high ? terms[mid + 1] : try balance(function, terms, operators, mid + 1, high)
        return try call(function, [left, right], at: operators[mid].offset)
    }

    /// `relation: calc (('<'|'<='|'>='|'>'|'=='|'!='|'in') calc)*`, left-associative.
    mutating func parseRelation() throws(CELError) -> CELExpr {
        var left = try parseBinary(additive: true)
        while case .punctuation(let p) = current.kind, let function = Self.relationFunctions[p] {
            let token = advance()
            let right = try parseBinary(additive: true)
            left = try call(function, [left, right], at: token.offset)
        }
        return left
    }

    /// `calc` at the additive (`+ -`) or multiplicative (`* / %`) level, left-associative.
    mutating func parseBinary(additive: Bool) throws(CELError) -> CELExpr {
        var left = additive ? try parseBinary(additive: false) : try parseUnary()
        let table = additive ? Self.additiveFunctions : Self.multiplicativeFunctions
        while case .punctuation(let p) = current.kind, let function = table[p] {
            let token = advance()
            let right = additive ? try parseBinary(additive: false) : try parseUnary()
            left = try call(function, [left, right], at: token.offset)
        }
        return left
    }

    /// Relational operators and their function names.
    static let relationFunctions: [CELToken.Punctuation: String] = [
        .less: "_<_", .lessEqual: "_<=_", .greater: "_>_", .greaterEqual: "_>=_",
        .equal: "_==_", .notEqual: "_!=_", .inKeyword: "@in",
    ]
    /// Additive operators and their function names.
    static let additiveFunctions: [CELToken.Punctuation: String] = [.plus: "_+_", .minus: "_-_"]
    /// Multiplicative operators and their function names.
    static let multiplicativeFunctions: [CELToken.Punctuation: String] = [
        .star: "_*_", .slash: "_/_", .percent: "_%_",
    ]
}
