extension CELEvaluator {
    /// Runs a macro. `all`/`exists` fold with `&&`/`||` and stop once decided, so an
    /// error in one element is absorbed by a deciding element elsewhere; the others
    /// are strict.
    mutating func evaluateComprehension(_ comprehension: CELPlanComprehension, at offset: Int)
        throws(CELEvaluationError) -> CELValue
    {
        switch comprehension {
        case .bind(let variable, let value, let body):
            locals.append(Local(name: variable, slot: .lazy(CELLazyBinding(plan: value, scopeDepth: locals.count))))
            defer { locals.removeLast() }
            return try evaluate(body)
        case .fold(let isAll, let variable, let range, let predicate):
            var accumulator: Result<Bool, CELEvaluationError> = .success(isAll)
            for element in try rangeElements(range) {
                if case .success(!isAll) = accumulator { break }
                try countIteration(at: offset)
                locals.append(Local(name: variable, slot: .value(element)))
                defer { locals.removeLast() }
                do {
                    let step = try booleanNonStrict(predicate)
                    if case .success(!isAll) = step {
                        accumulator = step
                    } else {
                        accumulator = Self.merge(accumulator, step, isAnd: isAll)
                    }
                } catch {
                    accumulator = .failure(error)
                }
            }
            return .bool(try accumulator.get())
        case .existsOne(let variable, let range, let predicate):
            var count = 0
            for element in try rangeElements(range) {
                if try test(predicate, variable, element, at: offset) { count += 1 }
            }
            return .bool(count == 1)
        case .filter(let variable, let range, let predicate):
            var kept: [CELValue] = []
            for element in try rangeElements(range) where try test(predicate, variable, element, at: offset) {
                kept.append(element)
            }
            return .list(kept)
        case .map(let variable, let range, let filter, let transform):
            var mapped: [CELValue] = []
            for element in try rangeElements(range) {
                if let filter, !(try test(filter, variable, element, at: offset)) { continue }
                locals.append(Local(name: variable, slot: .value(element)))
                defer { locals.removeLast() }
                mapped.append(try evaluate(transform))
            }
            return .list(mapped)
        }
    }

    /// The elements of a list or the keys of a map.
    mutating func rangeElements(_ range: CELPlan) throws(CELEvaluationError) -> [CELValue] {
        switch try evaluate(range) {
        case .list(let items): return items
        case .map(let map): return map.keys
        case let other:
            throw CELEvaluationError(
                .invalidArgument, "expected a list or a map for iteration range but got '\(other.typeName)'",
                offset: range.offset)
        }
    }

    /// One strict predicate evaluation with the loop variable bound: true or false,
    /// anything else is an error.
    mutating func test(_ predicate: CELPlan, _ variable: String, _ element: CELValue, at offset: Int)
        throws(CELEvaluationError) -> Bool
    {
        try countIteration(at: offset)
        locals.append(Local(name: variable, slot: .value(element)))
        defer { locals.removeLast() }
        let value = try evaluate(predicate)
        guard case .bool(let b) = value else { throw Self.notBoolean(value, at: predicate.offset) }
        return b
    }

    /// Charges one iteration against `CELLimits.maxIterations`.
    mutating func countIteration(at offset: Int) throws(CELEvaluationError) {
        iterations += 1
        guard iterations <= CELLimits.maxIterations else {
            throw CELEvaluationError(
                .iterationBudgetExceeded, "Iteration budget exceeded: \(CELLimits.maxIterations)", offset: offset)
        }
    }
}
