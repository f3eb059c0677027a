import Foundation
import Synchronization

/// The one thread that waits on the kernel for socket readiness and wakes suspended tasks.
///
/// Sockets are non-blocking: a task first tries its syscall, and only on `wouldBlock` calls
/// `waitUntilReady`, which suspends it until this loop's selector reports the descriptor
/// (STYLE §7, FlyingFox `SocketPool`). No task ever blocks a cooperative thread on I/O.
public final class ReadinessLoop: Sendable {
    /// Which kernel interface to wait with.
    public enum Backend: Sendable {
        /// epoll on Linux (falling back to `poll(2)` if epoll is unavailable), `poll(2)` elsewhere.
        case platformDefault
        /// `poll(2)` everywhere; the macOS path, selectable on Linux so tests cover it.
        case poll
    }

    /// The process-wide loop that servers and clients use unless given their own.
    ///
    /// Creating it only fails when the process is out of descriptors, in which case no
    /// socket could work anyway.
    public static let shared: ReadinessLoop = {
        do {
            return try ReadinessLoop()
        } catch {
            preconditionFailure("cannot create the readiness loop: \(error)")
        }
    }()

    /// `shared` and one more loop per further core, for servers that spread connections
    /// over them (`HTTPServer.Configuration.connectionLoops`).
    public static let sharedGroup: [ReadinessLoop] = {
        let extra = max(0, ProcessInfo.processInfo.activeProcessorCount - 1)
        return [shared]
            + (0..<extra).map { _ in
                do {
                    return try ReadinessLoop()
                } catch {
                    preconditionFailure("cannot create a readiness loop: \(error)")
                }
            }
    }()

    /// The kernel interface.
    private let selector: any ReadinessSelector
    /// Waits and interrupts, shared by the loop thread and waiting tasks.
    private let state = Mutex(State())

    /// Creates the selector and starts the loop thread.
    public init(backend: Backend = .platformDefault) throws(SocketError) {
        switch backend {
        case .platformDefault:
            #if os(Linux)
                do {
                    selector = try EpollSelector()
                } catch {
                    selector = try PollSelector()
                }
            #else
                selector = try PollSelector()
            #endif
        case .poll:
            selector = try PollSelector()
        }
        let thread = Thread { [self] in run() }
        thread.name = "wire.readiness-loop"
        thread.start()
    }

    /// Suspends until `socket` is ready for `interest`, or throws why it never will be.
    ///
    /// Readiness may be spurious: callers retry their syscall and wait again on
    /// `wouldBlock`. The loop thread enforces `deadline` itself, so a timed wait costs no
    /// timer task (the HTTP server has one on nearly every read).
    ///
    /// - Throws: `.timedOut` once `deadline` passes, `.cancelled` if the task is cancelled,
    ///   `.interrupted` after `interrupt(_:)` or `stop()`, or a selector error.
    public func waitUntilReady(
        _ socket: Socket, for interest: ReadinessInterest, deadline: ContinuousClock.Instant? = nil
    ) async throws(SocketError) {
        let descriptor = socket.descriptor
        let start: WaitStart = state.withLock { state in
            if state.isStopped || state.isInterrupted(descriptor) { return .interrupted }
            // Reported while nobody waited (edge-triggered selectors): ready now, no suspension.
            if state.claimUnclaimed(descriptor, interest) { return .ready }
            return .wait(state.addWait(descriptor: descriptor, interest: interest, deadline: deadline, phase: .pending))
        }
        let id: WaitID
        switch start {
        case .ready: return
        case .interrupted: throw .interrupted
        case .wait(let wait): id = wait
        }
        let result = await withTaskCancellationHandler {
            await withUnsafeContinuation { continuation in
                if let outcome = suspend(id, continuation: continuation) { continuation.resume(returning: outcome) }
            }
        } onCancel: {
            cancel(id)
        }
        try result.get()
    }

    /// How a wait begins.
    private enum WaitStart {
        /// The descriptor is already known to be ready.
        case ready
        /// Waits on it fail with `.interrupted`.
        case interrupted
        /// Registered under this id; suspend next.
        case wait(WaitID)
    }

    /// Names one registered `watch`, so exactly that watch can be ended (`endWatch`) even
    /// after its descriptor number has been closed and reused.
    public struct WatchID: Hashable, Sendable {
        /// The wait's id; never reused within a loop.
        let wait: WaitID
    }

    /// How a `watch` began.
    public enum WatchStart: Sendable {
        /// The descriptor is already known to be ready: nothing was registered, act now.
        case ready
        /// Registered: the watcher is called exactly once, when the wait ends.
        case watching(WatchID)
        /// Nothing was registered, for this reason (`.interrupted` after `interrupt(_:)`).
        case failed(SocketError)
    }

    /// Calls `watcher` once `socket` is ready for `interest`, once `deadline` passes
    /// (`.timedOut`), or once the socket is interrupted or forgotten, instead of suspending
    /// a task: the way an idle keep-alive connection waits without holding a task. On
    /// readiness it passes whether the report was a clean edge (`ReadinessEvent.isCleanEdge`).
    ///
    /// Readiness and deadlines call back on the loop thread, so the watcher must not block
    /// for long: every socket on this loop waits while it runs. Interruption calls back on
    /// the interrupting thread. Never under the loop's lock, so the watcher may watch again.
    public func watch(
        _ socket: Socket, for interest: ReadinessInterest, deadline: ContinuousClock.Instant? = nil,
        watcher: any ReadinessWatcher
    ) -> WatchStart {
        let descriptor = socket.descriptor
        return state.withLock { state in
            if state.isStopped || state.isInterrupted(descriptor) { return .failed(.interrupted) }
            if state.claimUnclaimed(descriptor, interest) { return .ready }
            let id = state.addWait(
                descriptor: descriptor, interest: interest, deadline: deadline, phase: .suspended(.watcher(watcher)))
            if case .failure(let error) = arm(id, deadline: deadline, in: &state) { return .failed(error) }
            return .watching(WatchID(wait: id))
        }
    }

    /// `watch` with a closure, for callers that watch once.
    public func watch(
        _ socket: Socket, for interest: ReadinessInterest, deadline: ContinuousClock.Instant? = nil,
        _ callback: @escaping @Sendable (Result<Bool, SocketError>) -> Void
    ) -> WatchStart {
        watch(socket, for: interest, deadline: deadline, watcher: CallbackWatcher(callback))
    }

    /// Ends watch `id` now, calling its watcher with `.interrupted` on this thread, if it
    /// has not ended already; otherwise does nothing. Unlike `interrupt(_:)` it leaves no
    /// mark on the descriptor number, which may belong to another socket by then.
    public func endWatch(_ id: WatchID) {
        let waiter = state.withLock { state -> Waiter? in
            guard let wait = state.wait(id.wait), case .suspended(let waiter) = wait.phase else { return nil }
            state.removeWait(id.wait)
            disarm(id.wait.descriptor, in: &state)
            return waiter
        }
        waiter?.resume(returning: .failure(.interrupted))
    }

    /// Makes every current and future wait on `socket` fail with `.interrupted`, until the
    /// socket is forgotten.
    ///
    /// Server shutdown uses it to stop an accept loop without racing a wait that is about
    /// to begin.
    public func interrupt(_ socket: Socket) {
        interrupt(socket.descriptor, adoption: nil)
    }

    /// `interrupt(_:)` aimed at one adoption of a descriptor number: does nothing once that
    /// socket has been closed and its number adopted by another, which an interrupt from
    /// another thread (a WebSocket aborted while its reader closes it) could otherwise hit.
    func interrupt(_ adoption: Adoption) {
        interrupt(adoption.descriptor, adoption: adoption.serial)
    }

    /// Marks `descriptor` interrupted and ends its waits, if it is still adoption `serial`.
    private func interrupt(_ descriptor: Int32, adoption serial: UInt64?) {
        let waiters = state.withLock { state -> [Waiter] in
            let index = state.slotIndex(descriptor)
            if let serial, state.slots[index].adoption != serial { return [] }
            state.slots[index].isInterrupted = true
            return state.abandonWaits(on: descriptor, with: .interrupted)
        }
        for waiter in waiters { waiter.resume(returning: .failure(.interrupted)) }
    }

    /// Names one adoption of a descriptor number (`adopt`).
    struct Adoption: Hashable, Sendable {
        /// The number adopted.
        let descriptor: Int32
        /// Never reused within a loop.
        let serial: UInt64
    }

    /// Starts afresh with a descriptor that may reuse the number of one closed without
    /// `forget` (a stale selector registration, unclaimed readiness or interruption would
    /// otherwise be inherited). Called when a socket is adopted by `AsyncSocket` or `TCPListener`.
    ///
    /// - Returns: this adoption's name, for interrupts that must not reach a later socket
    ///   given the same number.
    @discardableResult
    func adopt(_ socket: Socket) -> Adoption {
        state.withLock { state in
            let index = state.slotIndex(socket.descriptor)
            if state.slots[index].waits.isEmpty {
                state.reset(socket.descriptor)
                if !state.isStopped { selector.remove(socket.descriptor) }
            }
            state.lastSerial += 1
            state.slots[index].adoption = state.lastSerial
            return Adoption(descriptor: socket.descriptor, serial: state.lastSerial)
        }
    }

    /// Drops everything known about `socket`; call right before closing it, because the
    /// kernel reuses descriptor numbers.
    public func forget(_ socket: Socket) {
        let waiters = state.withLock { state in
            let waiters = state.abandonWaits(on: socket.descriptor, with: .interrupted)
            // Pending waits go too: their tasks find no entry when they try to suspend.
            state.reset(socket.descriptor)
            // Once stopped, the loop thread closes the selector: its descriptors' numbers
            // may already serve other sockets.
            if !state.isStopped { selector.remove(socket.descriptor) }
            return waiters
        }
        for waiter in waiters { waiter.resume(returning: .failure(.interrupted)) }
    }

    /// Stops the loop thread; every wait, current or future, fails with `.interrupted`.
    ///
    /// Never needed for `shared`; tests stop the loops they create.
    public func stop() {
        let waiters = state.withLock { state in
            state.isStopped = true
            return state.slots.indices.flatMap { state.abandonWaits(on: Int32($0), with: .interrupted) }
        }
        for waiter in waiters { waiter.resume(returning: .failure(.interrupted)) }
        selector.wake()
    }

    /// Stores the continuation of wait `id` and arms the selector.
    ///
    /// - Returns: the outcome to resume with immediately when the wait was abandoned before
    ///   it could suspend, arming failed, or readiness was already reported; nil once
    ///   suspended.
    private func suspend(
        _ id: WaitID, continuation: UnsafeContinuation<Result<Void, SocketError>, Never>
    ) -> Result<Void, SocketError>? {
        state.withLock { state in
            guard let wait = state.wait(id) else { return .failure(.interrupted) }
            switch wait.phase {
            case .abandoned(let error):
                state.removeWait(id)
                return .failure(error)
            case .suspended:
                return nil
            case .pending:
                // An edge-triggered report may have come between registering and suspending.
                if state.claimUnclaimed(id.descriptor, wait.interest) {
                    state.removeWait(id)
                    return .success(())
                }
                state.setPhase(.suspended(.task(continuation)), of: id)
                return arm(id, deadline: wait.deadline, in: &state)
            }
        }
    }

    /// Starts the deadline and arms the selector for a wait that was just marked suspended.
    ///
    /// - Returns: nil once armed; otherwise the failure to report (the deadline has already
    ///   passed, or the selector refused), with the wait removed.
    private func arm(
        _ id: WaitID, deadline: ContinuousClock.Instant?, in state: inout State
    ) -> Result<Void, SocketError>? {
        if let deadline {
            guard deadline > .now else {
                state.removeWait(id)
                return .failure(.timedOut)
            }
            // The loop may be sleeping past this deadline: shorten its sleep.
            if state.earliestDeadline.map({ deadline < $0 }) ?? true {
                state.earliestDeadline = deadline
                selector.wake()
            }
        }
        let index = Int(id.descriptor)
        // An edge-triggered selector keeps its registration: nothing to arm after the first.
        if selector.isEdgeTriggered && state.slots[index].isRegistered { return nil }
        let interest = state.armedInterest(for: id.descriptor)
        do throws(SocketError) {
            try selector.update(id.descriptor, interest: interest)
            // An empty interest registers nothing (`update` ignores it).
            if !interest.isEmpty { state.slots[index].isRegistered = true }
            return nil
        } catch {
            state.removeWait(id)
            return .failure(error)
        }
    }

    /// Re-arms `descriptor` for what its remaining waits want, after one ended early; an
    /// edge-triggered selector's registration stays as it is.
    private func disarm(_ descriptor: Int32, in state: inout State) {
        guard !selector.isEdgeTriggered, !state.isStopped else { return }
        try? selector.update(descriptor, interest: state.armedInterest(for: descriptor))
    }

    /// Ends wait `id` because its task was cancelled.
    private func cancel(_ id: WaitID) {
        let waiter = state.withLock { state -> Waiter? in
            guard let wait = state.wait(id) else { return nil }
            switch wait.phase {
            case .pending:
                state.setPhase(.abandoned(.cancelled), of: id)
                return nil
            case .abandoned:
                return nil
            case .suspended(let waiter):
                state.removeWait(id)
                disarm(id.descriptor, in: &state)
                return waiter
            }
        }
        waiter?.resume(returning: .failure(.cancelled))
    }

    /// The loop thread: wait for events or the earliest deadline, resume the tasks that are
    /// ready or expired, re-arm the rest.
    private func run() {
        // Kept across rounds with their storage: a round per handful of requests.
        var ready: [(Waiter, isCleanEdge: Bool)] = []
        var expired: [Waiter] = []
        var events: [ReadinessEvent] = []
        let edgeTriggered = selector.isEdgeTriggered
        while true {
            let timeout = state.withLock { Self.milliseconds(until: $0.earliestDeadline) }
            // A failed wait (only on a broken selector) still checks for `stop()` below.
            events.removeAll(keepingCapacity: true)
            try? selector.wait(timeoutMilliseconds: timeout, into: &events)
            let stopped = state.withLock { state in
                for event in events {
                    let remaining = state.takeWaits(satisfiedBy: event, into: &ready, edgeTriggered: edgeTriggered)
                    if !remaining.isEmpty {
                        try? selector.update(event.descriptor, interest: remaining)
                    }
                }
                let now = ContinuousClock.now
                if let earliest = state.earliestDeadline, earliest <= now {
                    let (waiters, descriptors) = state.takeExpiredWaits(now: now)
                    expired.append(contentsOf: waiters)
                    for descriptor in descriptors { disarm(descriptor, in: &state) }
                }
                return state.isStopped
            }
            // Outside the lock: a watcher (`watch`) runs right here and may wait again.
            for (waiter, isCleanEdge) in ready { waiter.resume(returning: .success(()), isCleanEdge: isCleanEdge) }
            for waiter in expired { waiter.resume(returning: .failure(.timedOut)) }
            ready.removeAll(keepingCapacity: true)
            expired.removeAll(keepingCapacity: true)
            if stopped { break }
        }
        selector.close()
    }

    /// The selector timeout that ends the sleep at `deadline`, rounded up to whole
    /// milliseconds so the loop never wakes just before it; -1 without a deadline.
    private static func milliseconds(until deadline: ContinuousClock.Instant?) -> Int32 {
        guard let deadline else { return -1 }
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { return 0 }
        let (seconds, attoseconds) = remaining.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }
}
