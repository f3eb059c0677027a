/// The WebSocket close, ping and flow-control state machine: pure, every event returning the
/// actions for the I/O shell (`WebSocketConnection`) to perform (STYLE §5).
///
/// It decides when to answer pings (RFC 6455 §5.5.2), how to run the closing handshake
/// (§5.5.1, §7), when a silent peer is dropped (protocol-session §2.1) and when a reader that
/// fell too far behind is cut off (issue 7 item 4).
struct WebSocketConnectionState: Sendable {
    /// What the shell must do, in order.
    enum Action: Hashable, Sendable {
        /// Hand a message to the application's `messages` stream.
        case deliver(WebSocketMessage)
        /// Queue a frame for the writer (its encoded size is already counted as pending).
        case write(WebSocketFrame)
        /// Finish the application's `messages` stream: nothing more will arrive.
        case endMessages
        /// Let the writer drain what is queued, then stop; the socket closes after.
        case finishWriting
        /// Stop at once: drop the queue and interrupt pending socket waits.
        case abort
    }

    /// Where the connection is.
    enum Phase: Hashable, Sendable {
        /// Messages flow both ways.
        case open
        /// We sent a close frame and wait for the peer's (§5.5.1); incoming data is discarded.
        case closeSent
        /// The closing handshake is done, failed or was cut short; every event is a no-op.
        case closed
    }

    /// Size limits, for the outbound queue bound.
    let limits: WebSocketLimits
    /// How often the shell calls `pingTimerFired()`.
    let pingInterval: Duration
    /// How long the peer may stay silent before the connection is closed.
    let idleTimeout: Duration
    /// See `Phase`.
    private(set) var phase = Phase.open
    /// Encoded bytes queued for the writer and not yet written.
    private(set) var pendingOutboundBytes = 0
    /// Whether `abort` was issued; the writer then drops whatever is still queued.
    private(set) var isAborted = false
    /// Whether any frame arrived since the last timer tick.
    private var heardSinceTick = false
    /// How long the peer has been silent, counted in timer ticks.
    private var silence = Duration.zero

    /// Builds the state of a freshly upgraded connection.
    init(limits: WebSocketLimits, pingInterval: Duration, idleTimeout: Duration) {
        self.limits = limits
        self.pingInterval = pingInterval
        self.idleTimeout = idleTimeout
    }

    /// The parser produced an event.
    mutating func received(_ event: WebSocketEvent) -> [Action] {
        heardSinceTick = true
        switch (phase, event) {
        case (.open, .message(let message)):
            return [.deliver(message)]
        case (.open, .ping(let payload)):
            return [queue(WebSocketFrame(opcode: .pong, payload: payload))]
        case (.open, .close(let code, _)):
            // Echo the peer's code (§5.5.1); an empty close is answered with 1000.
            phase = .closed
            return [.endMessages, queue(.close(code: code ?? .normalClosure)), .finishWriting]
        case (.closeSent, .close):
            phase = .closed
            return [.finishWriting]
        case (.open, .pong), (.closeSent, .message), (.closeSent, .ping), (.closeSent, .pong), (.closed, _):
            return []
        }
    }

    /// The peer broke the protocol: answer with the error's close code and stop (§7.1.7).
    mutating func failed(_ error: WebSocketError) -> [Action] {
        switch phase {
        case .open, .closeSent:
            phase = .closed
            return [.endMessages, queue(.close(code: error.closeCode)), .finishWriting]
        case .closed:
            return []
        }
    }

    /// The peer closed TCP or the socket failed: nothing more can be exchanged.
    mutating func connectionLost() -> [Action] {
        switch phase {
        case .open, .closeSent:
            phase = .closed
            isAborted = true
            return [.endMessages, .abort]
        case .closed:
            return []
        }
    }

    /// The application wants to send a message.
    ///
    /// Returns no action when the connection is closing; aborts when the queue would pass
    /// `limits.maxPendingOutboundBytes` (one message always fits an empty queue).
    mutating func send(_ frame: WebSocketFrame) -> [Action] {
        switch phase {
        case .open:
            let size = frame.encodedCount()
            if pendingOutboundBytes > 0, pendingOutboundBytes + size > limits.maxPendingOutboundBytes {
                phase = .closed
                isAborted = true
                return [.endMessages, .abort]
            }
            return [queue(frame)]
        case .closeSent, .closed:
            return []
        }
    }

    /// The application closes the connection: start the closing handshake (§7.1.2).
    mutating func close(code: WebSocketCloseCode, reason: String) -> [Action] {
        switch phase {
        case .open:
            phase = .closeSent
            silence = .zero
            return [.endMessages, queue(.close(code: code, reason: reason))]
        case .closeSent, .closed:
            return []
        }
    }

    /// The ping timer fired: ping a live peer, or close one silent for `idleTimeout`
    /// (protocol-session §2.1), or give up waiting for a close reply after as long.
    mutating func pingTimerFired() -> [Action] {
        silence = heardSinceTick ? .zero : silence + pingInterval
        heardSinceTick = false
        switch phase {
        case .open where silence >= idleTimeout:
            phase = .closed
            return [.endMessages, queue(.close(code: .goingAway, reason: "idle timeout")), .finishWriting]
        case .open:
            return [queue(WebSocketFrame(opcode: .ping))]
        case .closeSent where silence >= idleTimeout:
            phase = .closed
            return [.finishWriting]
        case .closeSent, .closed:
            return []
        }
    }

    /// The writer handed `byteCount` encoded bytes to the kernel.
    mutating func wrote(_ byteCount: Int) {
        pendingOutboundBytes = max(0, pendingOutboundBytes - byteCount)
    }

    /// Counts a frame as pending and wraps it in a `write` action.
    private mutating func queue(_ frame: WebSocketFrame) -> Action {
        pendingOutboundBytes += frame.encodedCount()
        return .write(frame)
    }
}
