/// Evaluates a checked expression against a rule context (CEL language definition,
/// "Evaluation"; upstream: cel-java's interpreter).
///
/// Errors are thrown and caught only where CEL absorbs them (`&&`, `||`, the
/// `all`/`exists` folds, `@not_strictly_false`). Work is bounded by
/// `CELLimits.maxIterations`, `maxListLength` and `maxStringBytes`; recursion by the
/// tree height the parser allows.
struct CELEvaluator<Context: RuleContext> {
    /// A local variable: a macro's loop variable, or a `cel.bind` value computed on
    /// first use.
    enum Slot {
        /// An evaluated value.
        case value(CELValue)
        /// A bind not yet needed.
        case lazy(CELLazyBinding)
    }

    /// Bindings and store access.
    let context: Context
    /// Locals, innermost last.
    var locals: [(name: String, slot: Slot)] = []
    /// Comprehension iterations so far.
    var iterations = 0
    /// Variables already fetched from the context (nil inside: unbound).
    var variables: [CELVariable: CELValue?] = [:]

    init(context: Context) {
        self.context = context
    }

    /// The value of `expression`.
    mutating func evaluate(_ expression: CELExpr) throws(CELEvaluationError) -> CELValue {
        switch expression.kind {
        case .constant(let constant):
            return Self.value(of: constant)
        case .identifier(let name):
            return try resolve(name, at: expression.offset)
        case .select(let operand, let field, let testOnly):
            let value = try evaluate(operand)
            return try Self.select(field, of: value, testOnly: testOnly, at: expression.offset)
        case .call(let function, let target, let arguments):
            return try evaluateCall(expression, function: function, target: target, arguments: arguments)
        case .list(let elements):
            guard elements.count <= CELLimits.maxListLength else { throw Self.listTooLong(at: expression.offset) }
            var values: [CELValue] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(try evaluate(element)) }
            return .list(values)
        case .map(let entries):
            var members: [(key: CELValue, value: CELValue)] = []
            for entry in entries {
                let key = try evaluate(entry.key)
                let value = try evaluate(entry.value)
                switch key {
                case .int, .uint, .bool, .string: break
                default:
                    throw CELEvaluationError(
                        .invalidArgument, "Unsupported key type: \(key.typeName)", offset: entry.key.offset)
                }
                if members.contains(where: { $0.key.isEqual(to: key) }) {
                    throw CELEvaluationError(
                        .duplicateAttribute, "duplicate map key [\(key.displayText)]", offset: entry.key.offset)
                }
                members.append((key, value))
            }
            return .map(CELMap(entries: members))
        case .message(let name, _):
            throw CELEvaluationError(.internalError, "unknown message type '\(name)'", offset: expression.offset)
        case .comprehension(let comprehension):
            return try evaluateComprehension(comprehension, at: expression.offset)
        }
    }

    /// The value of a literal.
    static func value(of constant: CELConstant) -> CELValue {
        switch constant {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .uint(let u): .uint(u)
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .bytes(let b): .bytes(b)
        }
    }

    /// A local, a rule variable, or a type name.
    mutating func resolve(_ name: String, at offset: Int) throws(CELEvaluationError) -> CELValue {
        if !name.hasPrefix("."), let index = locals.lastIndex(where: { $0.name == name }) {
            switch locals[index].slot {
            case .value(let value): return value
            case .lazy(let binding): return try force(binding)
            }
        }
        let bare = name.hasPrefix(".") ? String(name.dropFirst()) : name
        if let variable = CELVariable(rawValue: bare) {
            let cached: CELValue?
            if let known = variables[variable] {
                cached = known
            } else {
                cached = context.value(of: variable)
                variables[variable] = cached
            }
            guard let value = cached else { throw .unknownVariable(bare, offset: offset) }
            return value
        }
        if let type = CELEnvironment.typeIdentifiers[bare] { return .type(Self.runtimeTypeName(type)) }
        throw CELEvaluationError(.internalError, "undeclared reference to '\(bare)'", offset: offset)
    }

    /// The name `type(x)` reports for values of a static type.
    static func runtimeTypeName(_ type: CELType) -> String {
        switch type {
        case .type(let inner):
            switch inner {
            case .list: "list"
            case .map: "map"
            case .null: "null_type"
            case .dyn: "type"
            default: inner.formatted
            }
        default: type.formatted
        }
    }

    /// Evaluates a lazy bind in the scope it was declared in, once.
    mutating func force(_ binding: CELLazyBinding) throws(CELEvaluationError) -> CELValue {
        if let result = binding.result { return try result.get() }
        let saved = locals
        locals.removeLast(locals.count - binding.scopeDepth)
        defer { locals = saved }
        do {
            let value = try evaluate(binding.expression)
            binding.result = .success(value)
            return value
        } catch {
            binding.result = .failure(error)
            throw error
        }
    }

    /// `operand.field` or `has(operand.field)`.
    static func select(_ field: String, of value: CELValue, testOnly: Bool, at offset: Int)
        throws(CELEvaluationError) -> CELValue
    {
        switch value {
        case .map(let map):
            if testOnly { return .bool(map.contains(.string(field))) }
            guard let member = map.value(for: .string(field)) else {
                throw CELEvaluationError(.attributeNotFound, "key '\(field)' is not present in map.", offset: offset)
            }
            return member
        case .request(let request):
            if testOnly, let present = request.hasField(field) { return .bool(present) }
            if let member = request.field(field) { return member }
            throw CELEvaluationError(
                .internalError, "field '\(field)' is not declared in message 'request'", offset: offset)
        default:
            throw CELEvaluationError(
                .attributeNotFound,
                "Error resolving field '\(field)'. Field selections must be performed on messages or maps.",
                offset: offset)
        }
    }

    /// The error for a list past `CELLimits.maxListLength`.
    static func listTooLong(at offset: Int) -> CELEvaluationError {
        CELEvaluationError(.invalidArgument, "list exceeds \(CELLimits.maxListLength) elements", offset: offset)
    }
}

/// A `cel.bind` value computed on first use, then remembered (cel-java evaluates
/// bind values lazily, so an unused bind never fails).
final class CELLazyBinding {
    /// The bind's value expression.
    let expression: CELExpr
    /// How many locals were in scope where the bind was declared.
    let scopeDepth: Int
    /// The outcome once evaluated.
    var result: Result<CELValue, CELEvaluationError>?

    init(expression: CELExpr, scopeDepth: Int) {
        self.expression = expression
        self.scopeDepth = scopeDepth
    }
}
