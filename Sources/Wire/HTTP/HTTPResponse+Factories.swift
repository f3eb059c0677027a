import Foundation

extension HTTPResponse {
    /// The content type of every JSON response (protocol-http §1.3).
    public static let jsonContentType = "application/json; charset=utf-8"
    /// The content type of Server-Sent Events responses (protocol-http §6.2).
    public static let eventStreamContentType = "text/event-stream; charset=UTF-8"

    /// A response whose body is already-encoded JSON.
    public static func json(_ body: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": jsonContentType], body: .bytes(body))
    }

    /// A response encoding `value` with `JSONEncoder`.
    public static func json(encoding value: some Encodable, status: HTTPStatus = .ok) throws -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return json(Array(try encoder.encode(value)), status: status)
    }

    /// A JSON error response with the upstream envelope (protocol-http §2.1).
    public static func error(_ envelope: ErrorEnvelope, status: HTTPStatus) -> HTTPResponse {
        json(envelope.encoded(), status: status)
    }

    /// A plain-text response, as used by the CORS preflight answer.
    public static func text(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: .bytes(Array(text.utf8)))
    }

    /// A Server-Sent Events response streaming `events` (protocol-http §6.2): status 200,
    /// `text/event-stream`, upstream's `Cache-Control: nocache`.
    public static func eventStream(_ events: AsyncStream<[UInt8]>) -> HTTPResponse {
        HTTPResponse(
            status: .ok,
            headers: ["Content-Type": eventStreamContentType, "Cache-Control": "nocache"],
            body: .stream(events))
    }
}
