import Synchronization

/// A coalescing wake-up for one waiter: any number of `notify()` calls before the next
/// wait count as one, since a refresh always reads the latest state.
///
/// Used by admin live queries to sleep until a commit concerns them or the keep-alive
/// interval passes, inside the stream consumer's own task (no extra unstructured task).
final class WakeSignal: Sendable {
    /// How a wait ended.
    enum Outcome: Sendable, Equatable {
        /// `notify()` was called (before or during the wait).
        case woken
        /// The timeout passed with no notification.
        case timedOut
        /// The waiting task was cancelled.
        case cancelled
    }

    private struct State {
        /// A notification nobody has waited for yet.
        var isPending = false
        /// The suspended waiter, if any.
        var waiter: CheckedContinuation<Bool, Never>?
    }

    private let state = Mutex(State())

    /// Wakes the waiter, or the next one if none waits now.
    func notify() {
        let waiter = state.withLock { s -> CheckedContinuation<Bool, Never>? in
            guard let waiter = s.waiter else {
                s.isPending = true
                return nil
            }
            s.waiter = nil
            return waiter
        }
        waiter?.resume(returning: true)
    }

    /// Waits for a notification, at most `timeout`. A notification that races with the
    /// timeout is never lost: it is reported as `.woken`.
    func wait(timeout: Duration) async -> Outcome {
        if state.withLock({ s in defer { s.isPending = false }; return s.isPending }) { return .woken }
        return await withTaskGroup(of: Outcome.self) { group in
            group.addTask { await self.waitForNotification() ? .woken : .cancelled }
            group.addTask {
                do {
                    try await Task.sleep(for: timeout)
                    return .timedOut
                } catch {
                    return .cancelled
                }
            }
            let first = await group.next() ?? .cancelled
            group.cancelAll()
            var outcomes = [first]
            for await outcome in group { outcomes.append(outcome) }
            return outcomes.contains(.woken) ? .woken : first
        }
    }

    /// Suspends until `notify()` (true) or cancellation (false).
    private func waitForNotification() async -> Bool {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let immediate = state.withLock { s -> Bool? in
                    if s.isPending {
                        s.isPending = false
                        return true
                    }
                    // Cancellation is flagged before the handler below takes the lock, so
                    // either it finds this waiter or this check sees the flag.
                    if Task.isCancelled { return false }
                    s.waiter = continuation
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { s -> CheckedContinuation<Bool, Never>? in
                defer { s.waiter = nil }
                return s.waiter
            }
            waiter?.resume(returning: false)
        }
    }
}
