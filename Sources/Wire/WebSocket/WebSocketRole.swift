/// Which end of a WebSocket a parser or connection plays; it decides the masking rule.
public enum WebSocketRole: Hashable, Sendable {
    /// The server: every frame received must be masked (RFC 6455 §5.1), frames sent are not.
    case server
    /// The client: frames received must not be masked, frames sent must be (§5.1, §5.3).
    case client
}
