import Synchronization

/// What the server's shutdown needs to know about one connection, and its way to stop it.
///
/// Graceful shutdown finishes requests in flight but must not wait for idle keep-alive
/// connections, endless event streams or upgraded sockets. The connection reports its phase
/// here; `requestShutdown()` cancels it at once when it is in a phase that would never end on
/// its own, and otherwise lets it finish its current request and close.
final class ConnectionControl: Sendable {
    /// What the connection is doing.
    enum Phase: Hashable, Sendable {
        /// Waiting for the first byte of a next request.
        case idle
        /// Part of a request has arrived.
        case receiving
        /// The handler is running or its response is being written.
        case handling
        /// Writing a streaming body, or handed to an upgrade closure: ends only when
        /// cancelled or when the peer leaves.
        case streaming
    }

    /// The shared state, owned by the mutex.
    private struct State {
        /// See `Phase`.
        var phase = Phase.receiving
        /// Whether the server is shutting down.
        var isDraining = false
    }

    /// See `State`.
    private let state = Mutex(State())
    /// Finished to ask the connection task to cancel itself; one waiter per connection.
    private let cancelRequests: AsyncStream<Void>
    /// The finishing side of `cancelRequests`.
    private let cancelTrigger: AsyncStream<Void>.Continuation

    /// Builds the control of a fresh connection, in the `receiving` phase.
    init() {
        (cancelRequests, cancelTrigger) = AsyncStream.makeStream(of: Void.self)
    }

    /// Whether the server is shutting down; responses then carry `Connection: close`.
    var isDraining: Bool {
        state.withLock { $0.isDraining }
    }

    /// Records that the connection moved to `phase`.
    ///
    /// - Returns: `false` when the server is draining and `phase` would never end on its own;
    ///   the connection has then been asked to cancel and should close instead.
    func enter(_ phase: Phase) -> Bool {
        let mustStop = state.withLock { state in
            state.phase = phase
            return state.isDraining && Self.isOpenEnded(phase)
        }
        if mustStop { cancelTrigger.finish() }
        return !mustStop
    }

    /// Starts draining this connection: cancels it now if it is idle or streaming, otherwise
    /// lets the current request finish (the next `enter(.idle)` then reports `false`).
    func requestShutdown() {
        let mustStop = state.withLock { state in
            state.isDraining = true
            return Self.isOpenEnded(state.phase)
        }
        if mustStop { cancelTrigger.finish() }
    }

    /// Cancels the connection whatever it is doing, once the shutdown grace period is over.
    func cancel() {
        cancelTrigger.finish()
    }

    /// Returns when a cancellation was requested, or when the calling task is cancelled.
    func waitForCancelRequest() async {
        for await _ in cancelRequests {}
    }

    /// Whether a connection in `phase` would keep the server waiting indefinitely.
    private static func isOpenEnded(_ phase: Phase) -> Bool {
        switch phase {
        case .idle, .streaming: true
        case .receiving, .handling: false
        }
    }
}
