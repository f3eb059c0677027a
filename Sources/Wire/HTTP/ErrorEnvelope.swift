import Foundation

/// The JSON body of every error response: `{"type", "message", "hint", "trace-id"}`
/// (protocol-http §2.1).
///
/// Every error body must be JSON because the core client parses the body before it looks at
/// the status (protocol-http §1.3, §14 item 2).
public struct ErrorEnvelope: Hashable, Sendable {
    /// The kebab-case error kind, for example `validation-failed` (protocol-http §2.2).
    public var type: String
    /// The human-readable message clients surface as the error's message.
    public var message: String
    /// The `hint` value as rendered JSON (an object), or `nil` to send `"hint": null`.
    ///
    /// Raw JSON so callers with their own JSON type can pass any structure through.
    public var hintJSON: String?
    /// The tracing id clients expose as `traceId`; random per error.
    public var traceID: String

    /// Builds an envelope; the trace id defaults to a fresh lower-case UUID.
    public init(type: String, message: String, hintJSON: String? = nil, traceID: String = Self.makeTraceID()) {
        self.type = type
        self.message = message
        self.hintJSON = hintJSON
        self.traceID = traceID
    }

    /// A `validation-failed` envelope in upstream's shape (protocol-http §2.3):
    /// `Validation failed for <dataType>: <detail>` with
    /// `hint = {"data-type": …, "errors": [{"message": …}]}`.
    public static func validationFailed(dataType: String, detail: String) -> ErrorEnvelope {
        let error = JSONText.object([("message", JSONText.string(detail))])
        let hint = JSONText.object([("data-type", JSONText.string(dataType)), ("errors", "[\(error)]")])
        return ErrorEnvelope(
            type: "validation-failed", message: "Validation failed for \(dataType): \(detail)", hintJSON: hint)
    }

    /// A fresh random trace id.
    public static func makeTraceID() -> String {
        UUID().uuidString.lowercased()
    }

    /// The compact JSON document, keys in upstream's order.
    public func encoded() -> [UInt8] {
        let document = JSONText.object([
            ("type", JSONText.string(type)),
            ("message", JSONText.string(message)),
            ("hint", hintJSON ?? "null"),
            ("trace-id", JSONText.string(traceID)),
        ])
        return Array(document.utf8)
    }
}
