extension CELPlan {
    /// The members of `variable` the plan can read, or nil when it may read the whole
    /// map (passes it on, compares it, iterates it, calls anything but `ref` on it).
    ///
    /// Why: a query checks a rule once per entity, and building an entity's full map
    /// costs more than evaluating `auth.id == data.id`. A rule that only selects named
    /// members (and `ref`, which reads `id`) gets a map holding just those; every member
    /// it can reach reads the same, so the result is the same.
    func fieldsRead(of variable: CELVariable) -> Set<String>? {
        var fields: Set<String> = []
        return collectFields(of: variable, into: &fields) ? fields : nil
    }

    /// Adds the members read to `fields`; false when the whole map may be read.
    private func collectFields(of variable: CELVariable, into fields: inout Set<String>) -> Bool {
        switch self {
        case .variable(let v, _):
            return v != variable
        case .constant, .local, .failure:
            return true
        case .select(.variable(let v, _), let field, _, _) where v == variable:
            fields.insert(field)
            return true
        case .select(let operand, _, _, _), .unary(_, let operand, _):
            return operand.collectFields(of: variable, into: &fields)
        case .call("ref", let operands, true, _):
            guard case .variable(let v, _)? = operands.first, v == variable else {
                return Self.collect(operands, of: variable, into: &fields)
            }
            fields.insert("id")
            return Self.collect(operands.dropFirst(), of: variable, into: &fields)
        case .call(_, let operands, _, _), .list(let operands, _):
            return Self.collect(operands, of: variable, into: &fields)
        case .logical(_, let lhs, let rhs), .binary(_, let lhs, let rhs, _):
            return Self.collect([lhs, rhs], of: variable, into: &fields)
        case .conditional(let condition, let whenTrue, let whenFalse):
            return Self.collect([condition, whenTrue, whenFalse], of: variable, into: &fields)
        case .map(let entries):
            return Self.collect(entries.flatMap { [$0.key, $0.value] }, of: variable, into: &fields)
        case .comprehension(let comprehension, _):
            return Self.collect(comprehension.parts, of: variable, into: &fields)
        }
    }

    private static func collect(
        _ plans: some Sequence<CELPlan>, of variable: CELVariable, into fields: inout Set<String>
    ) -> Bool {
        for plan in plans where !plan.collectFields(of: variable, into: &fields) { return false }
        return true
    }
}

extension CELPlanComprehension {
    /// Every sub-plan of the macro.
    var parts: [CELPlan] {
        switch self {
        case .fold(_, _, let range, let predicate), .existsOne(_, let range, let predicate),
            .filter(_, let range, let predicate):
            [range, predicate]
        case .map(_, let range, let filter, let transform): [range] + (filter.map { [$0] } ?? []) + [transform]
        case .bind(_, let value, let body): [value, body]
        }
    }
}
