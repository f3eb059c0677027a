/// The frame types RFC 6455 §5.2 defines; every other opcode is reserved and fails the
/// connection (§5.2: "MUST _Fail the WebSocket Connection_").
public enum WebSocketOpcode: UInt8, Hashable, Sendable {
    /// A later fragment of a text or binary message (§5.4).
    case continuation = 0x0
    /// A UTF-8 text message, or its first fragment.
    case text = 0x1
    /// A binary message, or its first fragment.
    case binary = 0x2
    /// Starts or answers the closing handshake (§5.5.1).
    case close = 0x8
    /// Asks the peer for a pong (§5.5.2).
    case ping = 0x9
    /// Answers a ping, or an unsolicited heartbeat (§5.5.3).
    case pong = 0xA

    /// Control frames (opcodes with the high bit set) may not be fragmented and carry at most
    /// 125 bytes (§5.5).
    public var isControl: Bool { rawValue & 0x8 != 0 }
}
