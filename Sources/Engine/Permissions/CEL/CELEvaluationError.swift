/// Why evaluating a compiled expression failed (upstream: `CelEvaluationException`).
///
/// CEL treats these as values: `&&`, `||` and the `all`/`exists` macros absorb them
/// when the other side decides the result. One that reaches the result makes the
/// check fail with `permission-evaluation-failed` (permissions §8.3).
public struct CELEvaluationError: Error, Equatable, Sendable {
    /// The cel-java error code, shown as `hint.error.type`.
    public var code: CELErrorCode
    /// The failure without location, e.g. `/ by zero`.
    public var reason: String
    /// Offset (in Unicode scalars) of the expression that failed, when known.
    public var offset: Int?
    /// A request-level failure raised by a function (a rate limit, §3.7). Upstream
    /// rethrows it as is instead of reporting an evaluation failure.
    public var requestFailure: InstantError?
    /// Whether this stands for an unbound variable (cel-java "unknown"): it wins
    /// over ordinary errors when `&&`/`||` merge two failures, as upstream's unknown
    /// sets do.
    public var isUnknown: Bool

    /// An error with its code, reason, and optionally location and request failure.
    public init(
        _ code: CELErrorCode, _ reason: String, offset: Int? = nil, requestFailure: InstantError? = nil
    ) {
        self.code = code
        self.reason = reason
        self.offset = offset
        self.requestFailure = requestFailure
        self.isUnknown = false
    }

    /// The failure for reading a variable the check did not bind (permissions §6.2:
    /// `linkedData` of an entity that did not exist).
    static func unknownVariable(_ name: String, offset: Int) -> CELEvaluationError {
        var error = CELEvaluationError(
            .internalError, "Tried to evaluate a cel program that used unknown variables", offset: offset)
        error.isUnknown = true
        return error
    }

    /// The exception text upstream shows to admins:
    /// `evaluation error at <input>:12: No matching overload …`.
    public var message: String {
        if isUnknown { return reason }
        if let offset { return "evaluation error at <input>:\(offset): \(reason)" }
        return "evaluation error: \(reason)"
    }

    /// This error located at `offset` unless it already has a location.
    func located(at offset: Int) -> CELEvaluationError {
        guard self.offset == nil else { return self }
        var copy = self
        copy.offset = offset
        return copy
    }
}
