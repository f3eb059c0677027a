/// Type-parameter assignments made while matching one overload (a small
/// unification, after cel-java's `InferenceContext`).
struct CELTypeBindings {
    /// What each parameter stands for so far.
    var bound: [String: CELType] = [:]

    /// Whether a value of type `actual` may be passed where `expected` is wanted,
    /// binding type parameters as needed.
    mutating func isAssignable(_ actual: CELType, to expected: CELType) -> Bool {
        switch (expected, actual) {
        case (.parameter(let name), _):
            guard let current = bound[name] else {
                bound[name] = actual
                return true
            }
            if current.isDynOrError || actual.isDynOrError { return true }
            if isAssignable(actual, to: current) { return true }
            if isAssignable(current, to: actual) {
                bound[name] = actual
                return true
            }
            return false
        case (_, .parameter(let name)):
            guard let current = bound[name] else {
                bound[name] = expected
                return true
            }
            return isAssignable(current, to: expected)
        case (.dyn, _), (.error, _), (_, .dyn), (_, .error):
            return true
        case (.list(let e), .list(let a)):
            return isAssignable(a, to: e)
        case (.map(let ek, let ev), .map(let ak, let av)):
            return isAssignable(ak, to: ek) && isAssignable(av, to: ev)
        case (.type, .type):
            return true
        case (.named, .null), (.timestamp, .null), (.duration, .null):
            return true
        default:
            return expected == actual
        }
    }

    /// The type with bound parameters substituted; unbound ones become `dyn`.
    func specialize(_ type: CELType) -> CELType {
        switch type {
        case .parameter(let name):
            guard let value = bound[name] else { return .dyn }
            if case .parameter(name) = value { return .dyn }
            return specialize(value)
        case .list(let element): return .list(specialize(element))
        case .map(let key, let value): return .map(specialize(key), specialize(value))
        case .type(let inner): return .type(specialize(inner))
        default: return type
        }
    }
}
