/// Why an upgrade request is not a valid WebSocket opening handshake (RFC 6455 §4.2.1).
///
/// Renders its own wire form: a 400 with the upstream JSON error envelope, since every
/// client of this server parses error bodies as JSON (protocol-http §1.3).
public enum WebSocketHandshakeError: Error, Equatable, Sendable {
    /// The method is not `GET` (§4.2.1 item 1).
    case methodNotGet
    /// The request is HTTP/1.0; the handshake needs HTTP/1.1 (§4.2.1 item 1).
    case httpVersionTooOld
    /// No `Upgrade: websocket` (§4.2.1 item 3).
    case missingUpgradeHeader
    /// No `upgrade` token in `Connection` (§4.2.1 item 4).
    case missingConnectionUpgrade
    /// `Sec-WebSocket-Version` is absent or not 13 (§4.2.1 item 6); the value received.
    case unsupportedVersion(String?)
    /// No `Sec-WebSocket-Key` (§4.2.1 item 5).
    case missingKey
    /// A `Sec-WebSocket-Key` that is not base64 of 16 bytes (§4.2.1 item 5).
    case malformedKey

    /// The one-sentence explanation sent in the error body.
    public var message: String {
        switch self {
        case .methodNotGet: "A WebSocket upgrade must use GET."
        case .httpVersionTooOld: "A WebSocket upgrade needs HTTP/1.1."
        case .missingUpgradeHeader: "Missing header: Upgrade: websocket."
        case .missingConnectionUpgrade: "Missing header: Connection: Upgrade."
        case .unsupportedVersion(let version): "Unsupported Sec-WebSocket-Version \(version ?? "(none)"); use 13."
        case .missingKey: "Missing header: Sec-WebSocket-Key."
        case .malformedKey: "Malformed Sec-WebSocket-Key: it must be base64 of 16 bytes."
        }
    }

    /// The 400 response. A version mismatch also advertises the supported version (§4.4).
    public var response: HTTPResponse {
        let type: String
        switch self {
        case .missingUpgradeHeader, .missingConnectionUpgrade, .missingKey, .unsupportedVersion(nil):
            type = "param-missing"
        case .methodNotGet, .httpVersionTooOld, .unsupportedVersion, .malformedKey:
            type = "param-malformed"
        }
        var response = HTTPResponse.error(ErrorEnvelope(type: type, message: message), status: .badRequest)
        if case .unsupportedVersion = self {
            response.headers.add("Sec-WebSocket-Version", WebSocketHandshake.supportedVersion)
        }
        return response
    }
}
