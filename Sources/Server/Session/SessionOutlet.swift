import Wire

/// Where a session's replies go: a WebSocket, or the event stream of the SSE fallback
/// (protocol-session §2.1–§2.2). Both bound what may wait for a slow reader.
protocol SessionOutlet: Sendable {
    /// Queues one JSON message; false when the transport is closing or just dropped the
    /// client for falling too far behind.
    @discardableResult
    func send(utf8Text bytes: [UInt8]) -> Bool
}

extension WebSocketConnection: SessionOutlet {}
