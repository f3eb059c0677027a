import Synchronization

/// Items processed strictly in order within their group, concurrently and fairly across
/// groups (server-architecture §5.1).
///
/// Session lanes are keyed by session id and commit lanes by app id (§7.2): one
/// session's ops must run in arrival order (protocol-session §16), while one busy
/// session or app must not starve the others. After processing one (possibly combined)
/// item a group that still has items goes to the back of the ready line, so with one
/// worker two busy groups alternate 1, 2, 1, 2.
///
/// `put` never waits. The workers run inside `run()`, so they belong to the caller's
/// task tree: start `run()` in a task group next to the server and call `finish()` to
/// stop; `run()` returns once every queued item has been processed.
public final class GroupedQueue<Key: Hashable & Sendable, Item: Sendable>: Sendable {
    /// Processes one item of one group. Errors are the closure's to handle (§5.1 rule 6:
    /// a failure must not stop the group).
    public typealias Process = @Sendable (Key, Item) async -> Void
    /// Folds the next waiting item into the current one, or returns nil to keep them apart.
    public typealias Combine = @Sendable (Item, Item) -> Item?
    /// A suspended worker, resumed with the group to process or nil to stop.
    typealias Worker = CheckedContinuation<Key?, Never>

    /// Upper bound on concurrently processed groups.
    public let workerCount: Int
    /// Waiting items one group may hold; a put beyond it is refused (`groupFull`).
    public let maxWaitingPerGroup: Int
    let combine: Combine?
    let process: Process
    let state: Mutex<GroupedQueueState<Key, Item>>

    /// - Parameters:
    ///   - workers: how many groups may be processed at once (at least 1).
    ///   - maxWaitingPerGroup: bound on one group's backlog, so a consumer that falls
    ///     behind is noticed instead of growing memory without limit.
    ///   - combine: merges consecutive waiting items of a group (for example, two
    ///     refreshes of one session become the later one, §5.2).
    ///   - fairness: the class a group shares its turns with (for session lanes, the
    ///     app), so turns go round-robin across classes first; nil gives every group its
    ///     own class.
    ///   - process: handles one item.
    public init(
        workers: Int, maxWaitingPerGroup: Int = .max, combine: Combine? = nil,
        fairness: (@Sendable (Key) -> String)? = nil, process: @escaping Process
    ) {
        workerCount = max(1, workers)
        self.maxWaitingPerGroup = max(1, maxWaitingPerGroup)
        self.combine = combine
        self.process = process
        state = Mutex(GroupedQueueState(classify: fairness))
    }

    /// Queues `item` at the back of `group`, without waiting.
    ///
    /// - Parameter ignoringLimit: queue even beyond `maxWaitingPerGroup`, for the one
    ///   item that must follow everything else (a session's final clean-up).
    @discardableResult
    public func put(_ item: Item, in group: Key, ignoringLimit: Bool = false) -> EnqueueResult {
        let (result, worker) = state.withLock { s -> (EnqueueResult, Worker?) in
            guard !s.isFinished else { return (.finished, nil) }
            if var waiting = s.groups.removeValue(forKey: group) {
                // The group is waiting or in flight; whoever holds it will come back for this.
                defer { s.groups[group] = waiting }
                guard ignoringLimit || waiting.count < maxWaitingPerGroup else { return (.groupFull, nil) }
                waiting.append(item)
                s.waitingCount += 1
                return (.queued, nil)
            }
            var waiting = FIFO<Item>()
            waiting.append(item)
            s.groups[group] = waiting
            s.waitingCount += 1
            return (.queued, s.schedule(group))
        }
        worker?.resume(returning: group)
        return result
    }

    /// Items waiting in all groups (not counting those being processed).
    public var waitingCount: Int { state.withLock { $0.waitingCount } }

    /// Groups with waiting or in-flight items.
    public var activeGroupCount: Int { state.withLock { $0.groups.count } }

    /// Refuses further puts; `run()` returns once the queued items are processed.
    public func finish() {
        let idle = state.withLock { s -> [Worker] in
            s.isFinished = true
            var idle: [Worker] = []
            while let worker = s.idleWorkers.popFirst() { idle.append(worker) }
            return idle
        }
        for worker in idle { worker.resume(returning: nil) }
    }
}
