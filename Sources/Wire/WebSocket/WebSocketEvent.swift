/// What the parser produces: a whole message or one control frame (RFC 6455 §5.4–§5.5).
///
/// Control frames may arrive between the fragments of a message, so they are reported as
/// soon as they are parsed.
public enum WebSocketEvent: Hashable, Sendable {
    /// A complete text or binary message.
    case message(WebSocketMessage)
    /// A ping; the receiver answers with a pong carrying the same payload (§5.5.2).
    case ping([UInt8])
    /// A pong (§5.5.3).
    case pong([UInt8])
    /// A close frame: its code, or `nil` when the payload was empty (reported as 1005,
    /// §7.1.5), and its UTF-8 reason.
    case close(code: WebSocketCloseCode?, reason: String)
}
