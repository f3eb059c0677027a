/// Everything that fails a WebSocket connection (RFC 6455 §7.1.7): one typed error for the
/// WebSocket layer, each case naming the rule broken.
public enum WebSocketError: Error, Equatable, Sendable {
    /// A client sent an unmasked frame (§5.1: the server MUST close the connection).
    case unmaskedClientFrame
    /// A server sent a masked frame (§5.1: the client MUST close the connection).
    case maskedServerFrame
    /// A reserved bit was set without a negotiated extension (§5.2); the three bits, RSV1 high.
    case reservedBitsSet(UInt8)
    /// A reserved opcode (§5.2).
    case unknownOpcode(UInt8)
    /// A control frame without `FIN` (§5.5).
    case fragmentedControlFrame
    /// A control frame with more than 125 bytes of payload (§5.5).
    case oversizedControlFrame
    /// A length written with more bytes than needed (§5.2: "the minimal number of bytes MUST
    /// be used").
    case nonMinimalLength
    /// A 64-bit length with its most significant bit set (§5.2).
    case invalidLength
    /// A message (all fragments) larger than the limit, in bytes.
    case messageTooLarge(limit: Int)
    /// A continuation frame with no fragmented message to continue (§5.4).
    case continuationWithoutStart
    /// A new text or binary frame while a fragmented message is unfinished (§5.4).
    case expectedContinuation
    /// A text message, or a close reason, that is not valid UTF-8 (§8.1).
    case invalidUTF8
    /// A close payload of exactly one byte (§5.5.1: a body starts with a two-byte code).
    case invalidClosePayload
    /// A close code a peer may not send (§7.4).
    case invalidCloseCode(UInt16)
    /// The connection ended in the middle of a frame.
    case truncatedFrame

    /// The code of the close frame this error is answered with (§7.4.1): 1007 for bad
    /// UTF-8, 1009 for an oversized message, 1002 for every framing violation.
    public var closeCode: WebSocketCloseCode {
        switch self {
        case .invalidUTF8: .invalidPayload
        case .messageTooLarge: .messageTooBig
        case .unmaskedClientFrame, .maskedServerFrame, .reservedBitsSet, .unknownOpcode, .fragmentedControlFrame,
            .oversizedControlFrame, .nonMinimalLength, .invalidLength, .continuationWithoutStart,
            .expectedContinuation, .invalidClosePayload, .invalidCloseCode, .truncatedFrame:
            .protocolError
        }
    }
}
