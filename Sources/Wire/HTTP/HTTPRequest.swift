/// A complete HTTP request as handed to the application handler.
///
/// A plain value: the body is fully buffered (bounded by `HTTPLimits.maxBodyBytes`), because
/// every endpoint in this API reads a whole JSON document or a whole upload.
///
/// The fields live in one shared, immutable box: a request travels by value through the
/// parser's states, the connection's actions and the handlers, and copying seven fields
/// (six of them reference-counted) at each step was a tenth of answering a small request.
/// Changing a field replaces the box, which only tests and the parser's body do.
public struct HTTPRequest: Hashable, Sendable {
    /// The fields, shared between copies.
    private var fields: Fields

    /// The method token.
    public var method: HTTPMethod {
        get { fields.method }
        set { fields = fields.with { $0.method = newValue } }
    }
    /// The request target exactly as received, for logs and for anyone who needs the raw form.
    public var target: String {
        get { fields.target }
        set { fields = fields.with { $0.target = newValue } }
    }
    /// The path to route on: slashes collapsed (`//admin///query` → `/admin/query`), then
    /// percent-decoded.
    public var path: String {
        get { fields.path }
        set { fields = fields.with { $0.path = newValue } }
    }
    /// The decoded query string.
    public var query: HTTPQuery {
        get { fields.query }
        set { fields = fields.with { $0.query = newValue } }
    }
    /// The protocol version of the request line.
    public var version: HTTPVersion {
        get { fields.version }
        set { fields = fields.with { $0.version = newValue } }
    }
    /// The header fields, looked up case-insensitively.
    public var headers: HTTPHeaders {
        get { fields.headers }
        set { fields = fields.with { $0.headers = newValue } }
    }
    /// The body after removing any chunked framing; empty when there is none.
    public var body: [UInt8] {
        get { fields.body }
        set { fields = fields.with { $0.body = newValue } }
    }

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
        fields = Fields(
            Fields.Values(
                method: method, target: target, path: parsed?.path ?? target, query: parsed?.query ?? HTTPQuery(),
                version: version, headers: headers, body: body))
    }

    /// Builds a request from a target the parser has already split, so it is parsed once.
    init(method: HTTPMethod, target: String, parsed: RequestTarget, version: HTTPVersion, headers: HTTPHeaders) {
        fields = Fields(
            Fields.Values(
                method: method, target: target, path: parsed.path, query: parsed.query, version: version,
                headers: headers, body: []))
    }

    /// Whether the client lets the connection stay open after the response (RFC 9112 §9.3).
    ///
    /// HTTP/1.1 persists unless `Connection: close`; HTTP/1.0 closes unless
    /// `Connection: keep-alive`.
    public var keepAlive: Bool {
        // Most requests have no `Connection` field: skip splitting it into tokens.
        guard headers.contains("Connection") else { return version != .http10 }
        let tokens = headers.tokens(for: "Connection")
        if version == .http10 {
            return tokens.contains("keep-alive")
        }
        return !tokens.contains("close")
    }

    public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.fields === rhs.fields || lhs.fields.values == rhs.fields.values
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(fields.values)
    }

    /// The box behind `HTTPRequest`.
    private final class Fields: Sendable {
        /// The request's fields as a value.
        struct Values: Hashable, Sendable {
            var method: HTTPMethod
            var target: String
            var path: String
            var query: HTTPQuery
            var version: HTTPVersion
            var headers: HTTPHeaders
            var body: [UInt8]
        }

        /// The fields; never changed once boxed.
        let values: Values

        init(_ values: Values) {
            self.values = values
        }

        var method: HTTPMethod { values.method }
        var target: String { values.target }
        var path: String { values.path }
        var query: HTTPQuery { values.query }
        var version: HTTPVersion { values.version }
        var headers: HTTPHeaders { values.headers }
        var body: [UInt8] { values.body }

        /// A new box with `change` applied to a copy of these values.
        func with(_ change: (inout Values) -> Void) -> Fields {
            var copy = values
            change(&copy)
            return Fields(copy)
        }
    }
}

extension HTTPRequest: CustomStringConvertible {
    /// The request's fields, for test failures and logs.
    public var description: String {
        let fields = headers.fields.map { "\($0.name): \($0.value)" }
        return "HTTPRequest(\(method) \(target) \(version), headers: \(fields), body: \(body.count) bytes)"
    }
}
