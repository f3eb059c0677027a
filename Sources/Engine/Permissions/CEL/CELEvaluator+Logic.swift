extension CELEvaluator {
    /// `a && b` / `a || b` with cel-java's semantics: short-circuit on a deciding
    /// boolean from either side (commutative), absorb an error when the other side
    /// decides, otherwise report the left failure first (an unbound variable wins over
    /// an ordinary error). A non-boolean operand is an immediate error.
    mutating func evaluateLogical(and isAnd: Bool, _ lhs: CELPlan, _ rhs: CELPlan) throws(CELEvaluationError)
        -> CELValue
    {
        let deciding = !isAnd
        let left = try booleanNonStrict(lhs)
        if case .success(deciding) = left { return .bool(deciding) }
        let right = try booleanNonStrict(rhs)
        if case .success(deciding) = right { return .bool(deciding) }
        return .bool(try Self.merge(left, right, isAnd: isAnd).get())
    }

    /// Combines two operands neither of which decided the result.
    static func merge(_ left: Result<Bool, CELEvaluationError>, _ right: Result<Bool, CELEvaluationError>, isAnd: Bool)
        -> Result<Bool, CELEvaluationError>
    {
        switch (left, right) {
        case (.success(let a), .success(let b)): return .success(isAnd ? a && b : a || b)
        case (.failure(let a), .failure(let b)): return .failure(!a.isUnknown && b.isUnknown ? b : a)
        case (.failure(let a), _): return .failure(a)
        case (_, .failure(let b)): return .failure(b)
        }
    }

    /// An operand of `&&`/`||` evaluated non-strictly: errors become a failure
    /// value, but a value that is not a boolean throws (cel-java `evalBoolean`).
    mutating func booleanNonStrict(_ plan: CELPlan) throws(CELEvaluationError) -> Result<Bool, CELEvaluationError> {
        let value: CELValue
        do {
            value = try evaluate(plan)
        } catch {
            return .failure(error)
        }
        guard case .bool(let b) = value else { throw Self.notBoolean(value, at: plan.offset) }
        return .success(b)
    }

    /// `c ? a : b`: the condition must be a boolean; only the chosen branch runs.
    mutating func evaluateConditional(_ condition: CELPlan, _ whenTrue: CELPlan, _ whenFalse: CELPlan)
        throws(CELEvaluationError) -> CELValue
    {
        let value = try evaluate(condition)
        guard case .bool(let b) = value else { throw Self.notBoolean(value, at: condition.offset) }
        return try evaluate(b ? whenTrue : whenFalse)
    }

    /// cel-java's error for a non-boolean where a boolean is required.
    static func notBoolean(_ value: CELValue, at offset: Int?) -> CELEvaluationError {
        CELEvaluationError(.invalidArgument, "expected boolean value, found: \(value.displayText)", offset: offset)
    }
}
