/// A response a handler returns: status, headers and a body that is either bytes, a stream,
/// or a protocol upgrade.
///
/// The server owns framing: it sets `Content-Length`, `Transfer-Encoding` and `Connection`
/// itself (replacing any the handler set, except on upgrades; a handler's
/// `Connection: close` still closes the connection after the response), and adds CORS
/// headers (protocol-http §1.5).
public struct HTTPResponse: Sendable {
    /// The status line's code and reason.
    public var status: HTTPStatus { didSet { keptEncoding = nil } }
    /// Header fields to send, in order.
    public var headers: HTTPHeaders { didSet { keptEncoding = nil } }
    /// What follows the head; see `HTTPResponseBody`.
    public var body: HTTPResponseBody { didSet { keptEncoding = nil } }
    /// The whole response as sent to a plain keep-alive HTTP/1.1 request, once `prepared()`
    /// made it; any change to the response drops it.
    var keptEncoding: [UInt8]?

    /// Builds a response; defaults to `200 OK` with no headers and an empty body.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], body: HTTPResponseBody = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
