@testable import Engine

/// What a table case must produce.
enum CELExpectation: Sendable {
    /// Evaluates to exactly this value (kinds must match: `1` is not `1.0`).
    case value(CELValue)
    /// Evaluates, and the rule passes (true) or is denied (false).
    case passes(Bool)
    /// Evaluation fails with this CEL error code.
    case error(CELErrorCode)
    /// Compilation fails with an issue whose message contains this text.
    case compileError(String)
}
