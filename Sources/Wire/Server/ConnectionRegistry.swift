import Synchronization

/// The open connections of one server, so shutdown can reach every one of them.
final class ConnectionRegistry: Sendable {
    /// The shared state, owned by the mutex.
    private struct State {
        /// The next connection id.
        var nextID = 0
        /// Open connections by id.
        var controls: [Int: ConnectionControl] = [:]
        /// Set once shutdown begins; later registrations are refused.
        var isShuttingDown = false
        /// Shutdown waiting for the last connection to close.
        var emptyWaiters: [CheckedContinuation<Void, Never>] = []
    }

    /// See `State`.
    private let state = Mutex(State())

    /// Builds an empty registry.
    init() {}

    /// How many connections are open, for diagnostics and tests.
    var count: Int {
        state.withLock { $0.controls.count }
    }

    /// Registers a just-accepted connection.
    ///
    /// - Returns: its id and control, or `nil` once shutdown has begun (close the socket).
    func register() -> (id: Int, control: ConnectionControl)? {
        state.withLock { state in
            guard !state.isShuttingDown else { return nil }
            state.nextID += 1
            let control = ConnectionControl()
            state.controls[state.nextID] = control
            return (state.nextID, control)
        }
    }

    /// Forgets a closed connection.
    func remove(_ id: Int) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.controls.removeValue(forKey: id)
            guard state.controls.isEmpty else { return [] }
            defer { state.emptyWaiters = [] }
            return state.emptyWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once no connection is open. Connections are not child tasks of the accept
    /// loop (an idle one holds no task at all), so this is how shutdown knows they are gone.
    func waitUntilEmpty() async {
        await withCheckedContinuation { continuation in
            let isEmpty = state.withLock { state in
                if state.controls.isEmpty { return true }
                state.emptyWaiters.append(continuation)
                return false
            }
            if isEmpty { continuation.resume() }
        }
    }

    /// Refuses new registrations and asks every open connection to drain.
    func beginShutdown() {
        let controls = state.withLock { state in
            state.isShuttingDown = true
            return Array(state.controls.values)
        }
        for control in controls { control.requestShutdown() }
    }

    /// Cancels every open connection, including requests still in flight, when the shutdown
    /// grace period has run out.
    func cancelAll() {
        let controls = state.withLock { Array($0.controls.values) }
        for control in controls { control.cancel() }
    }
}
