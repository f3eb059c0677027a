extension ReadinessLoop {
    /// Identifies one suspended wait, so cancellation can find exactly its own entry.
    typealias WaitID = UInt64

    /// Who is told when a wait ends: a suspended task, or a callback (`watch`) that runs on
    /// whichever thread ends the wait, usually the loop thread itself.
    enum Waiter {
        /// A task suspended in `waitUntilReady`.
        case task(UnsafeContinuation<Result<Void, SocketError>, Never>)
        /// A synchronous callback registered by `watch`; on success it learns whether the
        /// report was a clean edge (`ReadinessEvent.isCleanEdge`).
        case callback(@Sendable (Result<Bool, SocketError>) -> Void)

        /// Wakes the task or calls the callback; never under the loop's lock, since a
        /// callback may start another wait.
        func resume(returning result: Result<Void, SocketError>, isCleanEdge: Bool = false) {
            switch self {
            case .task(let continuation): continuation.resume(returning: result)
            case .callback(let callback): callback(result.map { isCleanEdge })
            }
        }
    }

    /// One task or callback waiting for readiness.
    struct Wait {
        /// Where the wait is in its short life.
        enum Phase {
            /// Registered, but the continuation does not exist yet.
            case pending
            /// Armed; resuming the waiter wakes its task or calls its callback.
            case suspended(Waiter)
            /// Ended by cancellation or interruption before it suspended; the task sees
            /// the error as soon as it tries to suspend.
            case abandoned(SocketError)
        }

        /// The descriptor waited on.
        var descriptor: Int32
        /// What the task waits for.
        var interest: ReadinessInterest
        /// When the wait gives up with `.timedOut`; nil waits without limit.
        var deadline: ContinuousClock.Instant?
        /// See `Phase`.
        var phase: Phase
    }

    /// Everything the loop thread and waiting tasks share, owned by the loop's `Mutex`.
    struct State {
        /// The next `WaitID` to hand out.
        var nextID: WaitID = 0
        /// Every live wait by id.
        var waits: [WaitID: Wait] = [:]
        /// Live wait ids per descriptor; at most one reader and one writer in practice. A
        /// descriptor's entry may be an empty list until it is forgotten.
        var waitsByDescriptor: [Int32: [WaitID]] = [:]
        /// Descriptors whose waits fail with `.interrupted` until they are forgotten.
        var interrupted: Set<Int32> = []
        /// Readiness an edge-triggered selector reported while nobody waited for it, per
        /// descriptor; the next wait for it ends at once instead of suspending (the report
        /// will not come again). Spurious at worst: the waiter retries its syscall.
        var unclaimed: [Int32: ReadinessInterest] = [:]
        /// Set once by `stop()`; new waits fail with `.interrupted`.
        var isStopped = false
        /// No wait has a deadline before this instant, so the loop thread may sleep until
        /// then. It may be earlier than every live deadline (waits that ended keep it), which
        /// only costs a scan that finds nothing; nil when no deadline was set since the last
        /// scan.
        var earliestDeadline: ContinuousClock.Instant?

        /// Registers a new pending wait and returns its id.
        mutating func addWait(
            descriptor: Int32, interest: ReadinessInterest, deadline: ContinuousClock.Instant?
        ) -> WaitID {
            nextID += 1
            waits[nextID] = Wait(descriptor: descriptor, interest: interest, deadline: deadline, phase: .pending)
            waitsByDescriptor[descriptor, default: []].append(nextID)
            return nextID
        }

        /// Removes a wait, returning it so the caller can resume its waiter.
        mutating func removeWait(_ id: WaitID) -> Wait? {
            guard let wait = waits.removeValue(forKey: id) else { return nil }
            // An emptied list stays, keeping its storage for the descriptor's next wait (one
            // per keep-alive request); `forget` drops it when the socket closes.
            waitsByDescriptor[wait.descriptor]?.removeAll { $0 == id }
            return wait
        }

        /// The union of what suspended tasks wait for on `descriptor`: what must stay armed.
        func armedInterest(for descriptor: Int32) -> ReadinessInterest {
            var interest: ReadinessInterest = []
            for id in waitsByDescriptor[descriptor] ?? [] {
                guard let wait = waits[id], case .suspended = wait.phase else { continue }
                interest.formUnion(wait.interest)
            }
            return interest
        }

        /// Ends every wait on `descriptor` with `error`.
        ///
        /// - Returns: the waiters of suspended waits, to resume outside the lock.
        mutating func abandonWaits(
            on descriptor: Int32, with error: SocketError
        ) -> [Waiter] {
            var waiters: [Waiter] = []
            for id in waitsByDescriptor[descriptor] ?? [] {
                guard let wait = waits[id] else { continue }
                switch wait.phase {
                case .pending:
                    waits[id]?.phase = .abandoned(error)
                case .suspended(let waiter):
                    _ = removeWait(id)
                    waiters.append(waiter)
                case .abandoned:
                    break
                }
            }
            return waiters
        }

        /// Takes the suspended waits whose deadline is at or before `now`, and recomputes
        /// `earliestDeadline` from the waits that remain.
        ///
        /// - Returns: their waiters, and the descriptors whose armed interest must be
        ///   updated.
        mutating func takeExpiredWaits(
            now: ContinuousClock.Instant
        ) -> (waiters: [Waiter], descriptors: Set<Int32>) {
            var waiters: [Waiter] = []
            var descriptors: Set<Int32> = []
            var earliest: ContinuousClock.Instant?
            // Only suspended waits count: a pending one sets `earliestDeadline` itself when it
            // suspends, or fails at once if its deadline has already passed.
            for (id, wait) in waits {
                guard let deadline = wait.deadline, case .suspended(let waiter) = wait.phase else { continue }
                if deadline <= now {
                    _ = removeWait(id)
                    waiters.append(waiter)
                    descriptors.insert(wait.descriptor)
                } else if earliest.map({ deadline < $0 }) ?? true {
                    earliest = deadline
                }
            }
            earliestDeadline = earliest
            return (waiters, descriptors)
        }

        /// Takes the waits that `event` satisfies.
        ///
        /// - Returns: their waiters, and the interest still wanted on the descriptor.
        mutating func takeWaits(
            satisfiedBy event: ReadinessEvent, into waiters: inout [(Waiter, isCleanEdge: Bool)],
            edgeTriggered: Bool
        ) -> ReadinessInterest {
            var claimed: ReadinessInterest = []
            for id in waitsByDescriptor[event.descriptor] ?? [] {
                guard let wait = waits[id], case .suspended(let waiter) = wait.phase,
                    !wait.interest.isDisjoint(with: event.interest)
                else { continue }
                _ = removeWait(id)
                waiters.append((waiter, event.isCleanEdge))
                claimed.formUnion(wait.interest)
            }
            if edgeTriggered {
                let left = event.interest.subtracting(claimed)
                if !left.isEmpty { unclaimed[event.descriptor, default: []].formUnion(left) }
                return []
            }
            return armedInterest(for: event.descriptor)
        }

        /// Takes unclaimed readiness matching `interest` on `descriptor`, if any.
        mutating func claimUnclaimed(_ descriptor: Int32, _ interest: ReadinessInterest) -> Bool {
            guard let ready = unclaimed[descriptor], !ready.isDisjoint(with: interest) else { return false }
            let left = ready.subtracting(interest)
            unclaimed[descriptor] = left.isEmpty ? nil : left
            return true
        }
    }
}
