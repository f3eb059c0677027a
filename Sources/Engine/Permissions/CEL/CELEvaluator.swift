/// Evaluates a compiled plan against a rule context (CEL language definition,
/// "Evaluation"; upstream: cel-java's interpreter).
///
/// Errors are thrown and caught only where CEL absorbs them (`&&`, `||`, the
/// `all`/`exists` folds). Work is bounded by `CELLimits.maxIterations`,
/// `maxListLength` and `maxStringBytes`; recursion by the tree height the parser
/// allows.
struct CELEvaluator {
    /// A local variable: a macro's loop variable, or a `cel.bind` value computed on
    /// first use.
    enum Slot {
        /// An evaluated value.
        case value(CELValue)
        /// A bind not yet needed.
        case lazy(CELLazyBinding)
    }

    /// A named local.
    struct Local {
        /// The variable name.
        var name: String
        /// Its value or pending bind.
        var slot: Slot
    }

    /// What the evaluator knows about one rule variable.
    enum VariableState {
        /// Not asked for yet.
        case unfetched
        /// The context leaves it unbound.
        case unbound
        /// Its value.
        case bound(CELValue)
    }

    /// Bindings and store access (an existential, so evaluation needs no generic
    /// metadata per call).
    let context: any RuleContext
    /// Locals, innermost last.
    var locals: [Local] = []
    /// Comprehension iterations so far.
    var iterations = 0
    /// Variables already fetched from the context.
    var variables = CELVariableStates()

    /// An evaluator with nothing fetched yet.
    init(context: any RuleContext) {
        self.context = context
    }

    /// The value of `plan`.
    mutating func evaluate(_ plan: CELPlan) throws(CELEvaluationError) -> CELValue {
        switch plan {
        case .constant(let value):
            return value
        case .variable(let variable, let offset):
            return try variableValue(variable, at: offset)
        case .local(let name, let offset):
            return try localValue(name, at: offset)
        case .select(let operand, let field, let testOnly, let offset):
            return try Self.select(field, of: try evaluate(operand), testOnly: testOnly, at: offset)
        case .logical(let isAnd, let lhs, let rhs):
            return try evaluateLogical(and: isAnd, lhs, rhs)
        case .conditional(let condition, let whenTrue, let whenFalse):
            return try evaluateConditional(condition, whenTrue, whenFalse)
        case .unary(let op, let operand, let offset):
            return try applyUnary(op, try evaluate(operand), at: offset)
        case .binary(let op, let lhs, let rhs, let offset):
            let left = try evaluate(lhs)
            return try applyBinary(op, left, try evaluate(rhs), at: offset)
        case .call(let function, let operands, let isMember, let offset):
            var values: [CELValue] = []
            values.reserveCapacity(operands.count)
            for operand in operands { values.append(try evaluate(operand)) }
            do {
                return try invoke(function, values, isMember: isMember)
            } catch {
                throw error.located(at: offset)
            }
        case .list(let elements, let offset):
            guard elements.count <= CELLimits.maxListLength else { throw Self.listTooLong(at: offset) }
            var values: [CELValue] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(try evaluate(element)) }
            return .list(values)
        case .map(let entries):
            return try evaluateMap(entries)
        case .comprehension(let comprehension, let offset):
            return try evaluateComprehension(comprehension, at: offset)
        case .failure(let error):
            throw error
        }
    }

    /// A rule variable, fetched from the context on first use.
    mutating func variableValue(_ variable: CELVariable, at offset: Int) throws(CELEvaluationError) -> CELValue {
        switch variables[variable] {
        case .bound(let value): return value
        case .unbound: throw .unknownVariable(variable.rawValue, offset: offset)
        case .unfetched:
            guard let value = context.value(of: variable) else {
                variables[variable] = .unbound
                throw .unknownVariable(variable.rawValue, offset: offset)
            }
            variables[variable] = .bound(value)
            return value
        }
    }

    /// The innermost local of that name.
    mutating func localValue(_ name: String, at offset: Int) throws(CELEvaluationError) -> CELValue {
        var index = locals.count - 1
        while index >= 0 {
            if locals[index].name == name {
                switch locals[index].slot {
                case .value(let value): return value
                case .lazy(let binding): return try force(binding)
                }
            }
            index -= 1
        }
        throw CELEvaluationError(.internalError, "undeclared reference to '\(name)'", offset: offset)
    }

    /// Evaluates a lazy bind in the scope it was declared in, once.
    mutating func force(_ binding: CELLazyBinding) throws(CELEvaluationError) -> CELValue {
        if let result = binding.result { return try result.get() }
        let saved = locals
        locals.removeLast(locals.count - binding.scopeDepth)
        defer { locals = saved }
        do {
            let value = try evaluate(binding.plan)
            binding.result = .success(value)
            return value
        } catch {
            binding.result = .failure(error)
            throw error
        }
    }

    /// A map literal: keys must be int, uint, bool or string, and distinct.
    mutating func evaluateMap(_ entries: [(key: CELPlan, value: CELPlan, offset: Int)]) throws(CELEvaluationError)
        -> CELValue
    {
        var members: [(key: CELValue, value: CELValue)] = []
        for entry in entries {
            let key = try evaluate(entry.key)
            let value = try evaluate(entry.value)
            switch key {
            case .int, .uint, .bool, .string: break
            default:
                throw CELEvaluationError(
                    .invalidArgument, "Unsupported key type: \(key.typeName)", offset: entry.offset)
            }
            if members.contains(where: { $0.key.isEqual(to: key) }) {
                throw CELEvaluationError(
                    .duplicateAttribute, "duplicate map key [\(key.displayText)]", offset: entry.offset)
            }
            members.append((key, value))
        }
        return .map(CELMap(entries: members))
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
