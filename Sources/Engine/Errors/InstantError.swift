/// An error as upstream reports it: a `type`, a `message` and a `hint`
/// (protocol-http §2, data-model §8.10). Every layer that talks to clients renders
/// this one shape, so the engine produces it directly.
public struct InstantError: Error, Equatable, Sendable {
    /// Upstream's error types (`util/exception.clj`).
    public enum Kind: String, Sendable {
        case validationFailed = "validation-failed"
        case recordNotUnique = "record-not-unique"
        case recordNotFound = "record-not-found"
        case sqlRaise = "sql-raise"
        case parameterLimitExceeded = "parameter-limit-exceeded"
        case permissionDenied = "permission-denied"
        /// A permission rule raised a CEL error while being evaluated (permissions §8.3).
        case permissionEvaluationFailed = "permission-evaluation-failed"
        case paramMissing = "param-missing"
        case paramMalformed = "param-malformed"
        case recordExpired = "record-expired"
        case recordForeignKeyInvalid = "record-foreign-key-invalid"
        case recordCheckViolation = "record-check-violation"
        case timeout = "timeout"
        case rateLimited = "rate-limited"
    }

    public var kind: Kind
    public var message: String
    public var hint: JSONValue

    public init(_ kind: Kind, _ message: String, hint: JSONValue = .null) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    /// `{type, message, hint}` as JSON.
    public var json: JSONValue {
        var o = JSONObject()
        o["type"] = .string(kind.rawValue)
        o["message"] = .string(message)
        if !hint.isNull { o["hint"] = hint }
        return .object(o)
    }
}

extension InstantError: CustomStringConvertible {
    public var description: String { "\(kind.rawValue): \(message)" }
}
