import Synchronization

/// A server-side WebSocket over an upgraded HTTP connection (RFC 6455).
///
/// The application reads `messages` and calls `send(text:)` / `close(code:reason:)` from any
/// task. Behind it, `serve` runs one reader task (parsing frames, answering pings), one writer
/// task draining an `AsyncStream` of encoded frames (so frames never interleave on the
/// socket), and one timer task that pings and drops silent peers. Every decision is made by
/// `WebSocketConnectionState` under one `Mutex`; the frame queue is fed under the same lock,
/// so frames go out in the order the state machine chose them.
public final class WebSocketConnection: Sendable {
    /// Complete text and binary messages from the peer, in order. Finishes when the
    /// connection closes for any reason.
    public let messages: AsyncStream<WebSocketMessage>
    /// The request that opened the connection (its path and query, e.g. `app_id`).
    public let request: HTTPRequest
    /// Timing and limits.
    public let configuration: Configuration
    /// The feeding side of `messages`.
    private let inbound: AsyncStream<WebSocketMessage>.Continuation
    /// Encoded frames for the writer task.
    let outboundFrames: AsyncStream<[UInt8]>
    /// The feeding side of `outboundFrames`, used only under `state`'s lock.
    private let outbound: AsyncStream<[UInt8]>.Continuation
    /// The close, ping and flow-control state machine.
    private let state: Mutex<WebSocketConnectionState>
    /// The upgraded socket; the HTTP server closes it once `serve` returns.
    let socket: AsyncSocket

    /// Builds a connection over `socket`; `serve` runs it.
    init(socket: AsyncSocket, request: HTTPRequest, configuration: Configuration) {
        self.socket = socket
        self.request = request
        self.configuration = configuration
        (messages, inbound) = AsyncStream.makeStream(of: WebSocketMessage.self)
        (outboundFrames, outbound) = AsyncStream.makeStream(of: [UInt8].self)
        state = Mutex(
            WebSocketConnectionState(
                limits: configuration.limits, pingInterval: configuration.pingInterval,
                idleTimeout: configuration.idleTimeout))
    }

    /// Whether the application may still send (no close started, not aborted).
    public var isOpen: Bool {
        state.withLock { $0.phase == .open }
    }

    /// Queues a text message.
    ///
    /// - Returns: false when the connection is closing, or when this message overflowed the
    ///   outbound queue and the connection was dropped.
    @discardableResult
    public func send(text: String) -> Bool {
        send(WebSocketFrame.text(text))
    }

    /// Queues a text message given as bytes the caller guarantees are UTF-8 (serialised JSON),
    /// saving a copy through `String`.
    @discardableResult
    public func send(utf8Text bytes: [UInt8]) -> Bool {
        send(WebSocketFrame(opcode: .text, payload: bytes))
    }

    /// Queues a binary message.
    @discardableResult
    public func send(binary bytes: [UInt8]) -> Bool {
        send(WebSocketFrame(opcode: .binary, payload: bytes))
    }

    /// Starts the closing handshake (RFC 6455 §7.1.2); `messages` finishes at once, and the
    /// socket closes when the peer answers or after `idleTimeout`.
    public func close(code: WebSocketCloseCode = .normalClosure, reason: String = "") {
        apply { $0.close(code: code, reason: reason) }
    }

    /// Queues one data frame through the state machine.
    private func send(_ frame: WebSocketFrame) -> Bool {
        let actions = apply { $0.send(frame) }
        guard case .write? = actions.first else { return false }
        return true
    }

    /// Runs one state machine event and performs its actions.
    ///
    /// Queueing happens under the lock so frames reach the writer in decision order;
    /// interrupting the socket happens after, since it takes the readiness loop's lock.
    @discardableResult
    func apply(_ event: (inout WebSocketConnectionState) -> [WebSocketConnectionState.Action])
        -> [WebSocketConnectionState.Action]
    {
        let actions = state.withLock { state in
            let actions = event(&state)
            for action in actions {
                switch action {
                case .deliver(let message): inbound.yield(message)
                case .write(let frame): outbound.yield(frame.encoded())
                case .endMessages: inbound.finish()
                case .finishWriting, .abort: outbound.finish()
                }
            }
            return actions
        }
        if actions.contains(.abort) { socket.interrupt() }
        return actions
    }

    /// Reads a property of the state under the lock.
    func inspect<Value: Sendable>(_ read: (WebSocketConnectionState) -> Value) -> Value {
        state.withLock { read($0) }
    }
}
