extension CELParser {
    /// A global call, or the `has` macro (CEL "Macros").
    mutating func globalCall(_ name: String, _ arguments: [CELExpr], at offset: Int) throws(CELError) -> CELExpr {
        guard name == "has", arguments.count == 1 else { return try call(name, arguments, at: offset) }
        guard case .select(let operand, let field, false) = arguments[0].kind else {
            throw error("invalid argument to has() macro", at: arguments[0].offset)
        }
        return try node(.select(operand: operand, field: field, testOnly: true), at: offset)
    }

    /// A method call, or one of the receiver macros: `all`, `exists`, `exists_one`,
    /// `map`, `filter`, `cel.bind`, `math.greatest`, `math.least`. A macro name with
    /// another argument count is an ordinary call, as in cel-java.
    mutating func memberCall(_ name: String, target: CELExpr, _ arguments: [CELExpr], at offset: Int)
        throws(CELError) -> CELExpr
    {
        let namespace: String? = if case .identifier(let n) = target.kind { n } else { nil }
        switch (name, arguments.count) {
        case ("all", 2), ("exists", 2), ("exists_one", 2), ("filter", 2):
            let variable = try macroVariable(arguments[0], message: "The argument must be a simple name")
            let comprehension: CELComprehension =
                switch name {
                case "all": .all(variable: variable, range: target, predicate: arguments[1])
                case "exists": .exists(variable: variable, range: target, predicate: arguments[1])
                case "exists_one": .existsOne(variable: variable, range: target, predicate: arguments[1])
                default: .filter(variable: variable, range: target, predicate: arguments[1])
                }
            return try node(.comprehension(comprehension), at: offset)
        case ("map", 2), ("map", 3):
            let variable = try macroVariable(arguments[0], message: "argument is not an identifier")
            let filter = arguments.count == 3 ? arguments[1] : nil
            return try node(
                .comprehension(
                    .map(variable: variable, range: target, filter: filter, transform: arguments[arguments.count - 1])),
                at: offset)
        case ("bind", 3) where namespace == "cel":
            let variable = try macroVariable(
                arguments[0], message: "cel.bind() variable name must be a simple identifier")
            return try node(
                .comprehension(.bind(variable: variable, value: arguments[1], body: arguments[2])), at: offset)
        case ("greatest", _) where namespace == "math", ("least", _) where namespace == "math":
            return try mathMacro(name, arguments, at: offset)
        default:
            return try call(name, arguments, target: target, at: offset)
        }
    }

    /// The variable name of a macro, which must be a plain identifier.
    func macroVariable(_ argument: CELExpr, message: String) throws(CELError) -> String {
        guard case .identifier(let name) = argument.kind, !name.hasPrefix(".") else {
            throw error(message, at: argument.offset)
        }
        return name
    }

    /// `math.greatest(…)` / `math.least(…)` expand to `math.@max` / `math.@min` of one
    /// value, two values, or a list (cel-java math extension).
    mutating func mathMacro(_ name: String, _ arguments: [CELExpr], at offset: Int) throws(CELError) -> CELExpr {
        let function = name == "greatest" ? "math.@max" : "math.@min"
        let display = "math.\(name)()"
        func isNumericOrOpaque(_ e: CELExpr) -> Bool {
            switch e.kind {
            case .constant(.int), .constant(.uint), .constant(.double): true
            case .constant, .list, .map, .message: false
            default: true
            }
        }
        func checkAll(_ items: [CELExpr]) throws(CELError) {
            for item in items where !isNumericOrOpaque(item) {
                throw error("\(display) simple literal arguments must be numeric", at: item.offset)
            }
        }
        switch arguments.count {
        case 0:
            throw error("\(display) requires at least one argument", at: offset)
        case 1:
            let argument = arguments[0]
            if case .list(let elements) = argument.kind {
                guard !elements.isEmpty else {
                    throw error("\(display) invalid single argument value", at: argument.offset)
                }
                try checkAll(elements)
            } else if !isNumericOrOpaque(argument) {
                throw error("\(display) invalid single argument value", at: argument.offset)
            }
            return try call(function, arguments, at: offset)
        case 2:
            try checkAll(arguments)
            return try call(function, arguments, at: offset)
        default:
            try checkAll(arguments)
            return try call(function, [try node(.list(arguments), at: offset)], at: offset)
        }
    }
}
