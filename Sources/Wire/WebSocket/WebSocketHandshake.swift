/// The server side of the WebSocket opening handshake (RFC 6455 §4.2).
///
/// No subprotocol and no extension is ever selected: `permessage-deflate` offered by the
/// `ws` library is declined by not echoing it (§9.1), which protocol-session §2.1 allows.
public enum WebSocketHandshake {
    /// The GUID appended to the client's key before hashing (§1.3).
    public static let acceptGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
    /// The only protocol version defined (§4.1).
    public static let supportedVersion = "13"

    /// `Sec-WebSocket-Accept` for a client key: base64 of SHA-1 of key + GUID (§4.2.2 item 5.4).
    public static func acceptValue(forKey key: String) -> String {
        Base64.encode(SHA1.hash(Array((key + acceptGUID).utf8)))
    }

    /// Checks the request against §4.2.1 and returns its `Sec-WebSocket-Key`.
    public static func validate(_ request: HTTPRequest) throws(WebSocketHandshakeError) -> String {
        guard request.method == .get else { throw .methodNotGet }
        guard request.version == .http11 else { throw .httpVersionTooOld }
        let upgrades = request.headers.tokens(for: "Upgrade")
        guard upgrades.contains("websocket") else { throw .missingUpgradeHeader }
        guard request.headers.tokens(for: "Connection").contains("upgrade") else { throw .missingConnectionUpgrade }
        let version = request.headers["Sec-WebSocket-Version"]
        guard version == supportedVersion else { throw .unsupportedVersion(version) }
        guard let key = request.headers["Sec-WebSocket-Key"] else { throw .missingKey }
        guard Base64.decode(key)?.count == 16 else { throw .malformedKey }
        return key
    }

    /// The answer to an upgrade request: `101 Switching Protocols` whose connection is served
    /// by `handler`, or the handshake error's 400.
    ///
    /// The server writes the 101 head, then `WebSocketConnection.serve` runs the connection
    /// and calls `handler` with it; the socket closes when both are done.
    public static func upgradeResponse(
        for request: HTTPRequest,
        configuration: WebSocketConnection.Configuration = WebSocketConnection.Configuration(),
        handler: @escaping @Sendable (WebSocketConnection) async -> Void
    ) -> HTTPResponse {
        let key: String
        do {
            key = try validate(request)
        } catch {
            return error.response
        }
        let headers: HTTPHeaders = [
            "Upgrade": "websocket",
            "Connection": "Upgrade",
            "Sec-WebSocket-Accept": acceptValue(forKey: key),
        ]
        return HTTPResponse(
            status: .switchingProtocols, headers: headers,
            body: .upgrade { upgraded in
                await WebSocketConnection.serve(upgraded, configuration: configuration, handler: handler)
            })
    }
}
