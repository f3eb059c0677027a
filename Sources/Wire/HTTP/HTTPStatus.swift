/// A response status code with its reason phrase.
///
/// Only the codes this server sends have names; any other code can be built with
/// `init(code:reason:)`.
public struct HTTPStatus: Hashable, Sendable, CustomStringConvertible {
    /// The three-digit code.
    public let code: Int
    /// The reason phrase sent on the status line; clients ignore it.
    public let reason: String

    /// Builds a status from a code and reason phrase.
    public init(code: Int, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// 100: sent before the body when a client asked `Expect: 100-continue` (curl does).
    public static let `continue` = HTTPStatus(code: 100, reason: "Continue")
    /// 101: a handler hands the connection to a WebSocket or other protocol.
    public static let switchingProtocols = HTTPStatus(code: 101, reason: "Switching Protocols")
    /// 200: every success in this API (protocol-http §1.3, §14 item 1).
    public static let ok = HTTPStatus(code: 200, reason: "OK")
    /// 400: malformed requests and every upstream "bad request" kind (protocol-http §2.2).
    public static let badRequest = HTTPStatus(code: 400, reason: "Bad Request")
    /// 401: dashboard-user token failures only (protocol-http §2.2).
    public static let unauthorized = HTTPStatus(code: 401, reason: "Unauthorized")
    /// 404: unmatched routes (protocol-http §15 item 1).
    public static let notFound = HTTPStatus(code: 404, reason: "Not Found")
    /// 408: a client stopped sending in the middle of a request.
    public static let requestTimeout = HTTPStatus(code: 408, reason: "Request Timeout")
    /// 413: the body exceeds `HTTPLimits.maxBodyBytes`.
    public static let contentTooLarge = HTTPStatus(code: 413, reason: "Content Too Large")
    /// 429: `rate-limited` and database `timeout` errors (protocol-http §2.2).
    public static let tooManyRequests = HTTPStatus(code: 429, reason: "Too Many Requests")
    /// 431: the request head exceeds `HTTPLimits.maxHeaderBytes`.
    public static let headerFieldsTooLarge = HTTPStatus(code: 431, reason: "Request Header Fields Too Large")
    /// 500: any other typed error, and crashes (protocol-http §2.2).
    public static let internalServerError = HTTPStatus(code: 500, reason: "Internal Server Error")
    /// 501: a transfer coding other than `chunked` (RFC 9112 §6.1).
    public static let notImplemented = HTTPStatus(code: 501, reason: "Not Implemented")
    /// 505: a request line with an HTTP version other than 1.0 or 1.1.
    public static let httpVersionNotSupported = HTTPStatus(code: 505, reason: "HTTP Version Not Supported")

    public var description: String { "\(code) \(reason)" }
}
