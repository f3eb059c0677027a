/// cel-java's `CelErrorCode`: the name upstream puts in `hint.error.type` of a
/// `permission-evaluation-failed` error (permissions §8.3).
public enum CELErrorCode: String, Equatable, Sendable, CaseIterable {
    /// Unexpected failure, also unknown (unbound) variables reaching the result.
    case internalError = "INTERNAL_ERROR"
    /// Map key or message field that does not exist, or selection on a non-map.
    case attributeNotFound = "ATTRIBUTE_NOT_FOUND"
    /// List index outside the list.
    case indexOutOfBounds = "INDEX_OUT_OF_BOUNDS"
    /// Division or modulus by zero.
    case divideByZero = "DIVIDE_BY_ZERO"
    /// A map literal names the same key twice.
    case duplicateAttribute = "DUPLICATE_ATTRIBUTE"
    /// A function got an argument it cannot use (non-boolean in `&&`, bad regex, …).
    case invalidArgument = "INVALID_ARGUMENT"
    /// No overload of the function accepts the runtime argument types.
    case overloadNotFound = "OVERLOAD_NOT_FOUND"
    /// Arithmetic or conversion outside the representable range.
    case numericOverflow = "NUMERIC_OVERFLOW"
    /// A comprehension ran past the iteration budget (`CELLimits.maxIterations`).
    case iterationBudgetExceeded = "ITERATION_BUDGET_EXCEEDED"
    /// A conversion whose input text has the wrong format.
    case badFormat = "BAD_FORMAT"
}
