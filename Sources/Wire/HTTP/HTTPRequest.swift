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
        get { self[field: \.method] }
        set { self[field: \.method] = newValue }
    }
    /// The request target exactly as received, for logs and for anyone who needs the raw form.
    public var target: String {
        get { self[field: \.target] }
        set { self[field: \.target] = newValue }
    }
    /// The path to route on: slashes collapsed (`//admin///query` → `/admin/query`), then
    /// percent-decoded.
    public var path: String {
        get { self[field: \.path] }
        set { self[field: \.path] = newValue }
    }
    /// The decoded query string.
    public var query: HTTPQuery {
        get { self[field: \.query] }
        set { self[field: \.query] = newValue }
    }
    /// The protocol version of the request line.
    public var version: HTTPVersion {
        get { self[field: \.version] }
        set { self[field: \.version] = newValue }
    }
    /// The header fields, looked up case-insensitively.
    public var headers: HTTPHeaders {
        get { self[field: \.headers] }
        set { self[field: \.headers] = newValue }
    }
    /// The body after removing any chunked framing; empty when there is none.
    public var body: [UInt8] {
        get { self[field: \.body] }
        set { self[field: \.body] = newValue }
    }

    /// One field: read from the shared box, written by boxing a changed copy.
    @inline(__always)
    private subscript<Value>(field path: WritableKeyPath<Fields.Values, Value>) -> Value {
        get { fields.values[keyPath: path] }
        set { fields = fields.with { $0[keyPath: path] = newValue } }
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
        self.init(
            method: method, target: target, path: parsed.path, query: parsed.query, version: version, headers: headers)
    }

    /// Builds a request from parts the parser has already derived, without a body.
    init(method: HTTPMethod, target: String, path: String, query: HTTPQuery, version: HTTPVersion, headers: HTTPHeaders)
    {
        fields = Fields(
            Fields.Values(
                method: method, target: target, path: path, query: query, version: version, headers: headers,
                body: []))
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
