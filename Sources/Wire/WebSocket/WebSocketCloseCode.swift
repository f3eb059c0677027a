/// A close status code (RFC 6455 §7.4).
///
/// A struct over the raw number because peers may send any code in the registered or
/// private ranges, not only the ones named here.
public struct WebSocketCloseCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The two-byte code.
    public let rawValue: UInt16

    /// Wraps a code.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// 1000: the purpose of the connection was fulfilled.
    public static let normalClosure = WebSocketCloseCode(rawValue: 1000)
    /// 1001: the server is going away, or the peer went silent (protocol-session §2.1).
    public static let goingAway = WebSocketCloseCode(rawValue: 1001)
    /// 1002: the peer broke the framing rules.
    public static let protocolError = WebSocketCloseCode(rawValue: 1002)
    /// 1003: a data type this endpoint does not accept.
    public static let unsupportedData = WebSocketCloseCode(rawValue: 1003)
    /// 1007: a text message that is not UTF-8.
    public static let invalidPayload = WebSocketCloseCode(rawValue: 1007)
    /// 1008: a policy violation, used when a client reads too slowly.
    public static let policyViolation = WebSocketCloseCode(rawValue: 1008)
    /// 1009: a message larger than `WebSocketLimits.maxMessageBytes`.
    public static let messageTooBig = WebSocketCloseCode(rawValue: 1009)
    /// 1011: the server hit an unexpected condition.
    public static let internalError = WebSocketCloseCode(rawValue: 1011)

    /// Whether a peer may put this code in a close frame (§7.4.1–§7.4.2): 1005, 1006 and
    /// 1015 are reserved for reporting, and 0–999, 1004 and unassigned 1016–2999 are invalid.
    public var isAllowedOnWire: Bool {
        switch rawValue {
        case 1000...1003, 1007...1014, 3000...4999: true
        default: false
        }
    }

    public var description: String { String(rawValue) }
}
