extension ReadinessLoop {
    /// Identifies one wait, so cancellation and `endWatch` find exactly its own entry even
    /// after the descriptor number has been closed and reused.
    struct WaitID: Hashable, Sendable {
        /// The descriptor waited on: where the wait is stored.
        let descriptor: Int32
        /// Never reused within a loop.
        let serial: UInt64
    }

    /// Who is told when a wait ends: a suspended task, or a watcher (`watch`) called on
    /// whichever thread ends the wait, usually the loop thread itself.
    enum Waiter {
        /// A task suspended in `waitUntilReady`.
        case task(UnsafeContinuation<Result<Void, SocketError>, Never>)
        /// A watcher registered by `watch`; on success it learns whether the report was a
        /// clean edge (`ReadinessEvent.isCleanEdge`).
        case watcher(any ReadinessWatcher)

        /// Wakes the task or calls the watcher; never under the loop's lock, since a
        /// watcher may start another wait.
        func resume(returning result: Result<Void, SocketError>, isCleanEdge: Bool = false) {
            switch self {
            case .task(let continuation): continuation.resume(returning: result)
            case .watcher(let watcher): watcher.readinessEnded(result.map { isCleanEdge })
            }
        }
    }

    /// One task or watcher waiting for readiness.
    struct Wait {
        /// Where the wait is in its short life.
        enum Phase {
            /// Registered, but the continuation does not exist yet.
            case pending
            /// Armed; resuming the waiter wakes its task or calls its watcher.
            case suspended(Waiter)
            /// Ended by cancellation or interruption before it suspended; the task sees
            /// the error as soon as it tries to suspend.
            case abandoned(SocketError)
        }

        /// Names the wait within its descriptor's slot.
        var serial: UInt64
        /// What the task waits for.
        var interest: ReadinessInterest
        /// When the wait gives up with `.timedOut`; nil waits without limit.
        var deadline: ContinuousClock.Instant?
        /// See `Phase`.
        var phase: Phase
    }

    /// Everything the loop knows about one descriptor number.
    struct Slot {
        /// Live waits; at most one reader and one writer in practice. Emptied with its
        /// storage kept, for the descriptor's next wait (one per keep-alive request).
        var waits: [Wait] = []
        /// Readiness an edge-triggered selector reported while nobody waited for it; the
        /// next wait for it ends at once instead of suspending (the report will not come
        /// again). Spurious at worst: the waiter retries its syscall.
        var unclaimed: ReadinessInterest = []
        /// Waits fail with `.interrupted` until the descriptor is forgotten or adopted anew.
        var isInterrupted = false
        /// Registered with an edge-triggered selector, which keeps registrations: arming
        /// the descriptor again needs no call into the selector.
        var isRegistered = false
        /// The serial of the number's latest adoption (`ReadinessLoop.adopt`).
        var adoption: UInt64 = 0
    }

    /// Everything the loop thread and waiting tasks share, owned by the loop's `Mutex`.
    ///
    /// Indexed by descriptor number rather than hashed by wait id: a keep-alive request
    /// registers and ends a wait each time, and the dictionaries (wait by id, ids by
    /// descriptor, unclaimed and interrupted by descriptor) cost about ten hash lookups
    /// per request. Descriptor numbers are small and dense, the kernel hands out the
    /// lowest free one.
    struct State {
        /// One slot per descriptor number seen, grown on demand.
        var slots: [Slot] = []
        /// The last serial handed out.
        var lastSerial: UInt64 = 0
        /// Set once by `stop()`; new waits fail with `.interrupted`.
        var isStopped = false
        /// No wait has a deadline before this instant, so the loop thread may sleep until
        /// then. It may be earlier than every live deadline (waits that ended keep it), which
        /// only costs a scan that finds nothing; nil when no deadline was set since the last
        /// scan.
        var earliestDeadline: ContinuousClock.Instant?

        /// The index of `descriptor`'s slot, creating slots up to it.
        mutating func slotIndex(_ descriptor: Int32) -> Int {
            precondition(descriptor >= 0, "a socket's descriptor is never negative")
            let index = Int(descriptor)
            if index >= slots.count { slots.append(contentsOf: repeatElement(Slot(), count: index + 1 - slots.count)) }
            return index
        }

        /// Whether waits on `descriptor` fail with `.interrupted`.
        func isInterrupted(_ descriptor: Int32) -> Bool {
            hasSlot(descriptor) && slots[Int(descriptor)].isInterrupted
        }

        /// Whether `descriptor` has a slot yet.
        func hasSlot(_ descriptor: Int32) -> Bool {
            descriptor >= 0 && Int(descriptor) < slots.count
        }

        /// Registers a new wait and returns its id.
        mutating func addWait(
            descriptor: Int32, interest: ReadinessInterest, deadline: ContinuousClock.Instant?, phase: Wait.Phase
        ) -> WaitID {
            lastSerial += 1
            let index = slotIndex(descriptor)
            slots[index].waits.append(Wait(serial: lastSerial, interest: interest, deadline: deadline, phase: phase))
            return WaitID(descriptor: descriptor, serial: lastSerial)
        }

        /// Where wait `id` sits in its slot, if it is live.
        func position(of id: WaitID) -> Int? {
            guard hasSlot(id.descriptor) else { return nil }
            return slots[Int(id.descriptor)].waits.firstIndex { $0.serial == id.serial }
        }

        /// The live wait `id`.
        func wait(_ id: WaitID) -> Wait? {
            position(of: id).map { slots[Int(id.descriptor)].waits[$0] }
        }

        /// Changes the phase of live wait `id`.
        mutating func setPhase(_ phase: Wait.Phase, of id: WaitID) {
            guard let position = position(of: id) else { return }
            slots[Int(id.descriptor)].waits[position].phase = phase
        }

        /// Removes a wait, returning it so the caller can resume its waiter.
        @discardableResult
        mutating func removeWait(_ id: WaitID) -> Wait? {
            guard let position = position(of: id) else { return nil }
            return slots[Int(id.descriptor)].waits.remove(at: position)
        }

        /// The union of what suspended waits want on `descriptor`: what must stay armed.
        func armedInterest(for descriptor: Int32) -> ReadinessInterest {
            guard hasSlot(descriptor) else { return [] }
            var interest: ReadinessInterest = []
            for wait in slots[Int(descriptor)].waits {
                guard case .suspended = wait.phase else { continue }
                interest.formUnion(wait.interest)
            }
            return interest
        }

        /// Ends every wait on `descriptor` with `error`.
        ///
        /// - Returns: the waiters of suspended waits, to resume outside the lock.
        mutating func abandonWaits(on descriptor: Int32, with error: SocketError) -> [Waiter] {
            guard hasSlot(descriptor) else { return [] }
            let index = Int(descriptor)
            var waiters: [Waiter] = []
            var position = 0
            while position < slots[index].waits.count {
                switch slots[index].waits[position].phase {
                case .pending:
                    slots[index].waits[position].phase = .abandoned(error)
                case .suspended(let waiter):
                    slots[index].waits.remove(at: position)
                    waiters.append(waiter)
                    continue
                case .abandoned:
                    break
                }
                position += 1
            }
            return waiters
        }

        /// Takes the suspended waits whose deadline is at or before `now`, and recomputes
        /// `earliestDeadline` from the waits that remain.
        ///
        /// - Returns: their waiters, and the descriptors whose armed interest must be
        ///   updated.
        mutating func takeExpiredWaits(now: ContinuousClock.Instant) -> (waiters: [Waiter], descriptors: [Int32]) {
            var waiters: [Waiter] = []
            var descriptors: [Int32] = []
            var earliest: ContinuousClock.Instant?
            // Only suspended waits count: a pending one sets `earliestDeadline` itself when it
            // suspends, or fails at once if its deadline has already passed.
            for index in slots.indices where !slots[index].waits.isEmpty {
                var position = 0
                while position < slots[index].waits.count {
                    let wait = slots[index].waits[position]
                    guard let deadline = wait.deadline, case .suspended(let waiter) = wait.phase else {
                        position += 1
                        continue
                    }
                    if deadline <= now {
                        slots[index].waits.remove(at: position)
                        waiters.append(waiter)
                        if descriptors.last != Int32(index) { descriptors.append(Int32(index)) }
                        continue
                    }
                    if earliest.map({ deadline < $0 }) ?? true { earliest = deadline }
                    position += 1
                }
            }
            earliestDeadline = earliest
            return (waiters, descriptors)
        }

        /// Takes the waits that `event` satisfies.
        ///
        /// - Returns: the interest still wanted on the descriptor.
        mutating func takeWaits(
            satisfiedBy event: ReadinessEvent, into waiters: inout [(Waiter, isCleanEdge: Bool)],
            edgeTriggered: Bool
        ) -> ReadinessInterest {
            let index = slotIndex(event.descriptor)
            var claimed: ReadinessInterest = []
            var position = 0
            while position < slots[index].waits.count {
                let wait = slots[index].waits[position]
                guard case .suspended(let waiter) = wait.phase, !wait.interest.isDisjoint(with: event.interest) else {
                    position += 1
                    continue
                }
                slots[index].waits.remove(at: position)
                waiters.append((waiter, event.isCleanEdge))
                claimed.formUnion(wait.interest)
            }
            if edgeTriggered {
                slots[index].unclaimed.formUnion(event.interest.subtracting(claimed))
                return []
            }
            return armedInterest(for: event.descriptor)
        }

        /// Takes unclaimed readiness matching `interest` on `descriptor`, if any.
        mutating func claimUnclaimed(_ descriptor: Int32, _ interest: ReadinessInterest) -> Bool {
            guard hasSlot(descriptor) else { return false }
            let ready = slots[Int(descriptor)].unclaimed
            guard !ready.isDisjoint(with: interest) else { return false }
            slots[Int(descriptor)].unclaimed = ready.subtracting(interest)
            return true
        }

        /// Starts afresh with `descriptor`, keeping only the storage of its wait list.
        mutating func reset(_ descriptor: Int32) {
            let index = slotIndex(descriptor)
            slots[index].waits.removeAll(keepingCapacity: true)
            slots[index].unclaimed = []
            slots[index].isInterrupted = false
            slots[index].isRegistered = false
            // No adoption until the next `adopt`: a late interrupt aimed at the old one misses.
            slots[index].adoption = 0
        }
    }
}
