/// A complete application message, reassembled from its fragments (RFC 6455 §5.4).
public enum WebSocketMessage: Hashable, Sendable {
    /// A text message, already checked to be valid UTF-8 (§5.6, §8.1).
    case text(String)
    /// A binary message.
    case binary([UInt8])
}
