import Engine
import Synchronization
import Wire

/// The downstream half of a browser session over the SSE fallback (protocol-session §2.2):
/// the session's replies as events, pulled by the HTTP connection's own task.
///
/// Bounded like the WebSocket's outbound queue: a reader that falls more than
/// `maxPendingBytes` behind is dropped (the stream ends) instead of growing memory
/// without limit (issue 7 item 4).
final class SSEOutlet: SessionOutlet {
    /// Default `maxPendingBytes`: 8 MiB, as the WebSocket's outbound queue.
    static let defaultMaxPendingBytes = WebSocketLimits.defaultMaxPendingOutboundBytes
    /// Default `keepAliveInterval`: 15 s, as upstream (§2.2).
    static let defaultKeepAliveInterval = Duration.seconds(15)

    private struct State: Sendable {
        /// Encoded events not yet handed to the connection.
        var queued = FIFO<[UInt8]>()
        /// Their total size.
        var pendingBytes = 0
        /// Set when the reader fell too far behind or the stream ended.
        var isClosed = false
    }

    let maxPendingBytes: Int
    let keepAliveInterval: Duration
    private let state = Mutex(State())
    private let signal = WakeSignal()

    init(maxPendingBytes: Int = defaultMaxPendingBytes, keepAliveInterval: Duration = defaultKeepAliveInterval) {
        self.maxPendingBytes = maxPendingBytes
        self.keepAliveInterval = keepAliveInterval
    }

    /// Queues one message as a default-type event (§2.2: no `event:` line).
    @discardableResult
    func send(utf8Text bytes: [UInt8]) -> Bool {
        let event = ServerSentEvent.data(bytes)
        let accepted = state.withLock { s -> Bool in
            guard !s.isClosed else { return false }
            if s.pendingBytes > 0, s.pendingBytes + event.count > maxPendingBytes {
                s.isClosed = true
                s.queued = FIFO()
                s.pendingBytes = 0
                return false
            }
            s.queued.append(event)
            s.pendingBytes += event.count
            return true
        }
        signal.notify()
        return accepted
    }

    /// Ends the stream after what is queued.
    func close() {
        state.withLock { $0.isClosed = true }
        signal.notify()
    }

    /// The next bytes to write: every queued event at once, a keep-alive comment after
    /// `keepAliveInterval` of silence, or nil once closed (or cancelled) and drained.
    func nextChunk() async -> [UInt8]? {
        while true {
            let (chunk, isClosed) = state.withLock { s -> ([UInt8], Bool) in
                var chunk: [UInt8] = []
                while let event = s.queued.popFirst() { chunk += event }
                s.pendingBytes = 0
                return (chunk, s.isClosed)
            }
            if !chunk.isEmpty { return chunk }
            if isClosed { return nil }
            switch await signal.wait(timeout: keepAliveInterval) {
            case .woken: continue
            case .timedOut: return ServerSentEvent.keepAlive
            case .cancelled: return nil
            }
        }
    }
}
