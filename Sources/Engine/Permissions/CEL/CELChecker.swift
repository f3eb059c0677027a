/// Type-checks a parsed expression against an environment, as cel-java's checker
/// does when upstream compiles a rule (permissions §3.6, §9).
///
/// Reports undeclared variables and functions, calls no overload accepts (wrong
/// arity or argument types), selections on types without fields, and unknown
/// `request` fields, with cel-java's messages. Returns the tree with qualified
/// function names resolved (`math.abs(x)` becomes a global call of `math.abs`).
struct CELChecker {
    /// What names are declared.
    let environment: CELEnvironment
    /// The source, for issue positions.
    let source: CELSource
    /// Problems found so far.
    var issues: [CELIssue] = []
    /// Local variables of enclosing macros and binds, innermost last.
    var scopes: [(name: String, type: CELType)] = []

    /// The checked tree and its type, or every issue found.
    static func check(_ expression: CELExpr, source: CELSource, environment: CELEnvironment)
        throws(CELError) -> (CELExpr, CELType)
    {
        var checker = CELChecker(environment: environment, source: source)
        let (checked, type) = checker.visit(expression)
        guard checker.issues.isEmpty else { throw .check(checker.issues) }
        return (checked, type)
    }

    /// Records an issue (up to `CELLimits.maxIssues`).
    mutating func report(_ message: String, at offset: Int) {
        guard issues.count < CELLimits.maxIssues else { return }
        issues.append(CELIssue(message: message, offset: offset, in: source))
    }

    /// cel-java's message for an unknown name.
    mutating func reportUndeclared(_ name: String, at offset: Int) {
        report("undeclared reference to '\(name)' (in container '')", at: offset)
    }

    /// The checked node and its type.
    mutating func visit(_ expression: CELExpr) -> (CELExpr, CELType) {
        var node = expression
        switch expression.kind {
        case .constant(let constant):
            return (node, Self.type(of: constant))
        case .identifier(let name):
            guard let type = lookup(name) else {
                reportUndeclared(name, at: expression.offset)
                return (node, .error)
            }
            return (node, type)
        case .select(let operand, let field, let testOnly):
            if let name = expression.qualifiedName, let type = lookupGlobal(name) {
                node.kind = .identifier(name)
                return (node, type)
            }
            let (checkedOperand, operandType) = visit(operand)
            node.kind = .select(operand: checkedOperand, field: field, testOnly: testOnly)
            let fieldType = selectType(operandType, field: field, at: expression.offset)
            return (node, testOnly ? .bool : fieldType)
        case .call(let function, let target, let arguments):
            return visitCall(expression, function: function, target: target, arguments: arguments)
        case .list(let elements):
            let checked = elements.map { visit($0) }
            node.kind = .list(checked.map(\.0))
            return (node, .list(Self.join(checked.map(\.1))))
        case .map(let entries):
            var checkedEntries: [CELMapEntry] = []
            var keyTypes: [CELType] = []
            var valueTypes: [CELType] = []
            for entry in entries {
                let (key, keyType) = visit(entry.key)
                let (value, valueType) = visit(entry.value)
                checkedEntries.append(CELMapEntry(key: key, value: value))
                keyTypes.append(keyType)
                valueTypes.append(valueType)
            }
            node.kind = .map(checkedEntries)
            return (node, .map(Self.join(keyTypes), Self.join(valueTypes)))
        case .message(let name, let fields):
            reportUndeclared(name, at: expression.offset)
            node.kind = .message(
                name: name, fields: fields.map { CELMessageField(name: $0.name, value: visit($0.value).0) })
            return (node, .error)
        case .comprehension(let comprehension):
            return visitComprehension(expression, comprehension)
        }
    }

    /// The type of a local or global name.
    func lookup(_ name: String) -> CELType? {
        if !name.hasPrefix("."), let local = scopes.last(where: { $0.name == name }) { return local.type }
        return lookupGlobal(name)
    }

    /// The type of a global name (a leading dot forces the global scope).
    func lookupGlobal(_ name: String) -> CELType? {
        let bare = name.hasPrefix(".") ? String(name.dropFirst()) : name
        let head = String(bare.prefix { $0 != "." })
        if !name.hasPrefix("."), scopes.contains(where: { $0.name == head }) { return nil }
        return environment.type(ofGlobal: bare)
    }

    /// The type of `operand.field` (cel-java `visitSelectField`).
    mutating func selectType(_ operandType: CELType, field: String, at offset: Int) -> CELType {
        switch operandType {
        case .dyn, .error, .parameter: return .dyn
        case .map(_, let value): return value
        case .named("request"):
            if let type = CELType.requestFields[field] { return type }
            report("undefined field '\(field)'", at: offset)
            return .error
        default:
            report("type '\(operandType.formatted)' does not support field selection", at: offset)
            return .error
        }
    }

    /// The type of a literal.
    static func type(of constant: CELConstant) -> CELType {
        switch constant {
        case .null: .null
        case .bool: .bool
        case .int: .int
        case .uint: .uint
        case .double: .double
        case .string: .string
        case .bytes: .bytes
        }
    }

    /// The common type of list elements or map keys/values: the shared type, or
    /// `dyn` when they differ (cel-java without homogeneous literals).
    static func join(_ types: [CELType]) -> CELType {
        guard let first = types.first else { return .dyn }
        return types.allSatisfy({ $0 == first }) ? first : .dyn
    }
}
