import Engine

/// An HTTP request as the API routes see it: already parsed, headers looked up by lowercase name.
///
/// Independent of the socket layer so routes can be tested without a connection.
public struct APIRequest: Sendable {
    public var method: String
    /// The path with repeated slashes collapsed, without the query string.
    public var path: String
    public var query: [String: String]
    /// Header fields, looked up by lowercase name.
    public var headers: APIHeaders
    public var body: [UInt8]

    public init(method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:], body: [UInt8] = []) {
        self.init(method: method, path: path, query: query, fields: APIHeaders(headers), body: body)
    }

    /// A request with its header fields in arrival order (the HTTP bridge).
    public init(method: String, path: String, query: [String: String], fields: APIHeaders, body: [UInt8]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = fields
        self.body = body
    }

    /// The path split on `/`, without empty segments.
    public var segments: [Substring] { path.split(separator: "/") }

    /// The JSON body; malformed JSON becomes upstream-shaped error JSON instead of
    /// upstream's plain-text 400 (protocol-http §1.2), since the core client parses every body.
    public func jsonBody() throws(InstantError) -> JSONValue {
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw InstantError(.paramMissing, "Missing parameter: [\"body\"]", hint: ["in": ["body"]])
        }
        do {
            return try JSONParser.parse(body)
        } catch {
            throw InstantError(
                .paramMalformed, "Malformed JSON in request body.", hint: ["in": ["body"], "parse-error": .string("\(error)")])
        }
    }
}

/// A JSON answer: every success is exactly 200 (protocol-http §1.3, §14.1).
public struct APIResponse: Sendable {
    public var status: Int
    public var body: JSONValue
    /// For Server-Sent Events responses (protocol-http §6): the events, sent as a
    /// `text/event-stream` body instead of `body`.
    public var events: AsyncStream<[UInt8]>?
    /// For `GET /runtime/session` (protocol-session §2.1): the host that runs the session
    /// once the connection is upgraded to a WebSocket.
    public var session: SessionHost?
    /// For the few answers that are not JSON (the local OAuth page and its redirects):
    /// sent instead of `body`.
    public var page: APIPage?
    /// The JSON body already serialized, sent instead of `body` (which is then null): the
    /// admin query writes its tree straight to bytes rather than building it as values.
    public var encodedBody: [UInt8]?

    public init(status: Int = 200, body: JSONValue) {
        self.status = status
        self.body = body
        events = nil
        session = nil
        page = nil
        encodedBody = nil
    }

    /// A 200 whose JSON body is already serialized.
    public init(encodedBody: [UInt8]) {
        self.init(body: .null)
        self.encodedBody = encodedBody
    }

    /// A non-JSON answer (protocol-http §9.6: the OAuth start page and redirects).
    public init(page: APIPage) {
        self.init(status: page.status, body: .null)
        self.page = page
    }

    /// A WebSocket upgrade served by `session` (protocol-session §2.1).
    public init(session: SessionHost) {
        self.init(status: 101, body: .null)
        self.session = session
    }

    /// A 200 event stream (protocol-http §6.2).
    public init(events: AsyncStream<[UInt8]>) {
        self.init(body: .null)
        self.events = events
    }

    /// An error in upstream's envelope with upstream's status (protocol-http §2.2).
    public init(error: InstantError) {
        var o = error.json.objectValue ?? JSONObject()
        if o["hint"] == nil { o["hint"] = .null }
        o["trace-id"] = .string(String(EntityID.random().uuidString.prefix(16)).replacingOccurrences(of: "-", with: ""))
        self.init(status: APIResponse.status(for: error.kind), body: .object(o))
    }

    static func status(for kind: InstantError.Kind) -> Int {
        switch kind {
        case .rateLimited, .timeout: 429
        case .validationFailed, .recordNotUnique, .recordNotFound, .sqlRaise, .parameterLimitExceeded,
            .permissionDenied, .permissionEvaluationFailed, .paramMissing, .paramMalformed, .recordExpired, .recordForeignKeyInvalid,
            .recordCheckViolation:
            400
        }
    }

    /// The JSON 404 upstream declares for unmatched routes (protocol-http §15.1).
    public static let notFound = APIResponse(
        status: 404, body: ["type": "record-not-found", "message": "Oops! We couldn't match this route.", "hint": nil])
}
