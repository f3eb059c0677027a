/// The size limits a WebSocket connection enforces, each a named, documented constant
/// (STYLE §4).
public struct WebSocketLimits: Hashable, Sendable {
    /// A control frame carries at most 125 bytes of payload (RFC 6455 §5.5); fixed by the RFC.
    public static let maxControlPayloadBytes = 125
    /// Default `maxMessageBytes`: 16 MiB, well above the largest `transact` a client sends
    /// (a schema's worth of `add-attr` steps plus data) while bounding what one peer can make
    /// the server buffer.
    public static let defaultMaxMessageBytes = 16 << 20
    /// Default `maxPendingOutboundBytes`: 8 MiB of frames written by the application but
    /// not yet taken by the kernel. A client that falls this far behind (a stalled tab, a
    /// dead network) is disconnected instead of growing server memory without limit
    /// (issue 7 item 4).
    public static let defaultMaxPendingOutboundBytes = 8 << 20

    /// The largest message (all fragments together) accepted from the peer; larger ones
    /// fail the connection with 1009 (RFC 6455 §7.4.1).
    public var maxMessageBytes: Int
    /// The most encoded bytes that may wait in the outbound queue. One message is always
    /// accepted into an empty queue, however large, so a big query result still goes out.
    public var maxPendingOutboundBytes: Int

    /// Builds limits, defaulting to the documented values.
    public init(
        maxMessageBytes: Int = defaultMaxMessageBytes,
        maxPendingOutboundBytes: Int = defaultMaxPendingOutboundBytes
    ) {
        self.maxMessageBytes = maxMessageBytes
        self.maxPendingOutboundBytes = maxPendingOutboundBytes
    }
}
