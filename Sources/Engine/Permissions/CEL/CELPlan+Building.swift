extension CELPlan {
    /// The plan of a checked expression; `locals` are the macro and bind names in scope.
    static func build(_ expression: CELExpr, locals: [String] = []) -> CELPlan {
        let offset = expression.offset
        switch expression.kind {
        case .constant(let constant):
            return .constant(CELValue(constant))
        case .identifier(let name):
            return resolve(name, locals: locals, offset: offset)
        case .select(let operand, let field, let testOnly):
            return .select(build(operand, locals: locals), field: field, testOnly: testOnly, offset: offset)
        case .call(let function, let target, let arguments):
            let operands = ((target.map { [$0] } ?? []) + arguments).map { build($0, locals: locals) }
            switch (function, operands.count, target == nil) {
            case ("_&&_", 2, true): return .logical(isAnd: true, operands[0], operands[1])
            case ("_||_", 2, true): return .logical(isAnd: false, operands[0], operands[1])
            case ("_?_:_", 3, true): return .conditional(operands[0], operands[1], operands[2])
            case (_, 1, true):
                if let op = CELUnaryOperator(rawValue: function) { return .unary(op, operands[0], offset: offset) }
            case (_, 2, true):
                if let op = CELBinaryOperator(rawValue: function) {
                    return .binary(op, operands[0], operands[1], offset: offset)
                }
            default: break
            }
            return .call(function, operands, isMember: target != nil, offset: offset)
        case .list(let elements):
            return .list(elements.map { build($0, locals: locals) }, offset: offset)
        case .map(let entries):
            return .map(entries.map { (build($0.key, locals: locals), build($0.value, locals: locals), $0.key.offset) })
        case .message(let name, _):
            return .failure(CELEvaluationError(.internalError, "unknown message type '\(name)'", offset: offset))
        case .comprehension(let comprehension):
            return .comprehension(build(comprehension, locals: locals), offset: offset)
        }
    }

    /// A name: innermost local, else rule variable, else type name.
    static func resolve(_ name: String, locals: [String], offset: Int) -> CELPlan {
        let global = name.hasPrefix(".")
        let bare = global ? String(name.dropFirst()) : name
        if !global, locals.contains(bare) { return .local(bare, offset: offset) }
        if let variable = CELVariable(rawValue: bare) { return .variable(variable, offset: offset) }
        if let type = CELEnvironment.typeIdentifiers[bare] { return .constant(.type(runtimeTypeName(type))) }
        return .failure(CELEvaluationError(.internalError, "undeclared reference to '\(bare)'", offset: offset))
    }

    /// The name `type(x)` reports for values of a type-name identifier's type.
    static func runtimeTypeName(_ type: CELType) -> String {
        guard case .type(let inner) = type else { return type.formatted }
        switch inner {
        case .list: return "list"
        case .map: return "map"
        case .null: return "null_type"
        case .dyn: return "type"
        default: return inner.formatted
        }
    }

    /// The plan of a macro; its variable is in scope for the body parts.
    static func build(_ comprehension: CELComprehension, locals: [String]) -> CELPlanComprehension {
        switch comprehension {
        case .all(let v, let range, let predicate), .exists(let v, let range, let predicate):
            let isAll = if case .all = comprehension { true } else { false }
            return .fold(
                isAll: isAll, variable: v, range: build(range, locals: locals),
                predicate: build(predicate, locals: locals + [v]))
        case .existsOne(let v, let range, let predicate):
            return .existsOne(
                variable: v, range: build(range, locals: locals), predicate: build(predicate, locals: locals + [v]))
        case .filter(let v, let range, let predicate):
            return .filter(
                variable: v, range: build(range, locals: locals), predicate: build(predicate, locals: locals + [v]))
        case .map(let v, let range, let filter, let transform):
            return .map(
                variable: v, range: build(range, locals: locals),
                filter: filter.map { build($0, locals: locals + [v]) },
                transform: build(transform, locals: locals + [v]))
        case .bind(let v, let value, let body):
            return .bind(variable: v, value: build(value, locals: locals), body: build(body, locals: locals + [v]))
        }
    }
}

extension CELValue {
    /// The value of a literal.
    init(_ constant: CELConstant) {
        switch constant {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .uint(let u): self = .uint(u)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .bytes(let b): self = .bytes(b)
        }
    }
}
