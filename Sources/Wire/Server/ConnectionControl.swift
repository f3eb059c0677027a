import Synchronization

/// What the server's shutdown needs to know about one connection, and its ways to stop it.
///
/// Graceful shutdown finishes requests in flight but must not wait for idle keep-alive
/// connections, endless event streams or upgraded sockets. The connection reports its phase
/// here; `requestShutdown()` stops it at once when it is in a phase that would never end on
/// its own, and otherwise lets it finish its current request and close.
///
/// A connection is served by a task only while it has work; an idle keep-alive connection
/// holds no task at all (it is parked on the readiness loop, see `HTTPConnection+Parking`).
/// So there are two ways to stop it: cancel the task serving it, if any, or end its parked
/// watch. The watch is ended by its own id, never by descriptor number: the connection may
/// have closed meanwhile, and its number may already serve another socket.
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
        /// Set once the connection must stop; a task attached later is cancelled at once.
        var isStopRequested = false
        /// Whether a task serves the connection (false while parked).
        var isServing = true
        /// Counts `beginServing` and `park` calls, so a late `attach` or `parked` cannot
        /// record a task or watch the connection has already moved on from.
        var generation: UInt64 = 0
        /// The task serving the connection now, once its spawner has attached it.
        var task: Task<Void, Never>?
        /// The parked watch and its loop, while parked.
        var parkedWatch: (loop: ReadinessLoop, id: ReadinessLoop.WatchID)?
    }

    /// See `State`.
    private let state = Mutex(State())

    /// Builds the control of a fresh connection, in the `receiving` phase.
    init() {}

    /// Whether the server is shutting down; responses then carry `Connection: close`.
    var isDraining: Bool {
        state.withLock { $0.isDraining }
    }

    /// Marks the connection as served by a task about to be spawned.
    ///
    /// - Returns: the generation to pass to `attach` along with the task.
    func beginServing() -> UInt64 {
        state.withLock { state in
            state.isServing = true
            state.task = nil
            state.parkedWatch = nil
            state.generation &+= 1
            return state.generation
        }
    }

    /// Records the task spawned after `beginServing` returned `generation`, unless it has
    /// parked since; cancels it at once if a stop was requested before it was attached.
    func attach(_ task: Task<Void, Never>, generation: UInt64) {
        let mustCancel = state.withLock { state in
            guard state.isServing, state.generation == generation else { return false }
            state.task = task
            return state.isStopRequested
        }
        if mustCancel { task.cancel() }
    }

    /// The serving task is about to end and leave the connection parked, idle.
    ///
    /// - Returns: the generation to pass to `parked`, or nil when the server is draining
    ///   (close the connection instead).
    func park() -> UInt64? {
        state.withLock { state in
            state.isServing = false
            state.task = nil
            state.parkedWatch = nil
            state.phase = .idle
            state.generation &+= 1
            return state.isDraining || state.isStopRequested ? nil : state.generation
        }
    }

    /// Records how to end the watch the connection parked on after `park()` returned
    /// `generation`, unless it has been woken and moved on since (its watch has then ended).
    ///
    /// - Returns: `false` when a stop was requested meanwhile; end the watch yourself.
    func parked(generation: UInt64, loop: ReadinessLoop, watch: ReadinessLoop.WatchID) -> Bool {
        state.withLock { state in
            guard !state.isStopRequested else { return false }
            if state.generation == generation { state.parkedWatch = (loop, watch) }
            return true
        }
    }

    /// Records that the connection moved to `phase`.
    ///
    /// - Returns: `false` when the server is draining and `phase` would never end on its own;
    ///   the connection should close instead.
    func enter(_ phase: Phase) -> Bool {
        let mustStop = state.withLock { state in
            state.phase = phase
            return state.isDraining && Self.isOpenEnded(phase)
        }
        if mustStop { stop() }
        return !mustStop
    }

    /// Starts draining this connection: stops it now if it is idle or streaming, otherwise
    /// lets the current request finish (the next `enter(.idle)` then reports `false`).
    func requestShutdown() {
        let mustStop = state.withLock { state in
            state.isDraining = true
            return Self.isOpenEnded(state.phase)
        }
        if mustStop { stop() }
    }

    /// Stops the connection whatever it is doing, once the shutdown grace period is over.
    func cancel() {
        stop()
    }

    /// Cancels the serving task, or ends the parked watch.
    ///
    /// A task is cancelled rather than interrupted: an upgraded connection may still want to
    /// write its closing frame.
    private func stop() {
        let (task, parkedWatch) = state.withLock { state in
            state.isStopRequested = true
            defer { state.parkedWatch = nil }
            return (state.task, state.parkedWatch)
        }
        // A task not attached yet is cancelled by `attach`; a watch not recorded yet is
        // ended by `parked`.
        task?.cancel()
        if let (loop, id) = parkedWatch { loop.endWatch(id) }
    }

    /// Whether a connection in `phase` would keep the server waiting indefinitely.
    private static func isOpenEnded(_ phase: Phase) -> Bool {
        switch phase {
        case .idle, .streaming: true
        case .receiving, .handling: false
        }
    }
}
