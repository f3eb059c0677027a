/// A complete HTTP request as handed to the application handler.
///
/// A plain value: the body is fully buffered (bounded by `HTTPLimits.maxBodyBytes`), because
/// every endpoint in this API reads a whole JSON document or a whole upload.
public struct HTTPRequest: Hashable, Sendable {
    /// The method token.
    public var method: HTTPMethod
    /// The request target exactly as received, for logs and for anyone who needs the raw form.
    public var target: String
    /// The path to route on: slashes collapsed (`//admin///query` → `/admin/query`), then
    /// percent-decoded.
    public var path: String
    /// The decoded query string.
    public var query: HTTPQuery
    /// The protocol version of the request line.
    public var version: HTTPVersion
    /// The header fields, looked up case-insensitively.
    public var headers: HTTPHeaders
    /// The body after removing any chunked framing; empty when there is none.
    public var body: [UInt8]

    /// Builds a request, deriving `path` and `query` from `target`.
    ///
    /// A target that is not origin-, absolute- or asterisk-form keeps `path` equal to the raw
    /// target and an empty query; the parser rejects such targets before this point.
    public init(
        method: HTTPMethod,
        target: String,
        version: HTTPVersion = .http11,
        headers: HTTPHeaders = [:],
        body: [UInt8] = []
    ) {
        let parsed = RequestTarget(parsing: target)
        self.method = method
        self.target = target
        self.path = parsed?.path ?? target
        self.query = parsed?.query ?? HTTPQuery()
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// Builds a request from a target the parser has already split, so it is parsed once.
    init(method: HTTPMethod, target: String, parsed: RequestTarget, version: HTTPVersion, headers: HTTPHeaders) {
        self.init(
            method: method, target: target, path: parsed.path, query: parsed.query, version: version, headers: headers)
    }

    /// Builds a request from parts the parser has already derived, without a body.
    init(method: HTTPMethod, target: String, path: String, query: HTTPQuery, version: HTTPVersion, headers: HTTPHeaders)
    {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = []
    }

    /// Whether the client lets the connection stay open after the response (RFC 9112 §9.3).
    ///
    /// HTTP/1.1 persists unless `Connection: close`; HTTP/1.0 closes unless
    /// `Connection: keep-alive`.
    public var keepAlive: Bool {
        let tokens = headers.tokens(for: "Connection")
        if version == .http10 {
            return tokens.contains("keep-alive")
        }
        return !tokens.contains("close")
    }
}
