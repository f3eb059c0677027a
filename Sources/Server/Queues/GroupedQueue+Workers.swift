/// The workers: take the next ready group, process one item, put the group back.
extension GroupedQueue {
    /// Runs `workerCount` workers until `finish()` has been called and nothing is left.
    /// Cancelling the calling task finishes the queue the same way.
    public func run() async {
        await withTaskCancellationHandler {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<workerCount {
                    group.addTask { await self.work() }
                }
            }
        } onCancel: {
            finish()
        }
    }

    /// One worker's loop. At most one worker holds a group at a time, so a group's items
    /// run one after another in put order (§5.1 rule 1).
    private func work() async {
        while let key = await nextReadyGroup() {
            if let item = state.withLock({ $0.takeItem(of: key, combine: combine) }) {
                await process(key, item)
            }
            release(key)
        }
    }

    /// The next group in round-robin order, suspending while none is ready; nil once the
    /// queue is finished and drained.
    private func nextReadyGroup() async -> Key? {
        await withCheckedContinuation { (continuation: Worker) in
            let next = state.withLock { s -> Key?? in
                if let key = s.ready.popFirst() { return .some(key) }
                if s.isFinished && s.groups.isEmpty { return .some(nil) }
                s.idleWorkers.append(continuation)
                return .none
            }
            if let next { continuation.resume(returning: next) }
        }
    }

    /// Ends one turn of a group: gone when empty, else to the back of the line so other
    /// groups go first (§5.1 rule 3). The check and the removal share the lock with
    /// `put`, so an item put as the turn ends is never stranded.
    private func release(_ key: Key) {
        let (worker, stopped) = state.withLock { s -> (Worker?, [Worker]) in
            if s.groups[key]?.isEmpty ?? true {
                s.groups[key] = nil
                // The last group of a finished queue: the idle workers can stop.
                guard s.isFinished && s.groups.isEmpty else { return (nil, []) }
                var idle: [Worker] = []
                while let worker = s.idleWorkers.popFirst() { idle.append(worker) }
                return (nil, idle)
            }
            return (s.schedule(key), [])
        }
        worker?.resume(returning: key)
        for idle in stopped { idle.resume(returning: nil) }
    }
}
