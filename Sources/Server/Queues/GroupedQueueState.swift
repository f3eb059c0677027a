/// The mutable state of a `GroupedQueue`, owned by its `Mutex`.
///
/// Invariants (server-architecture §5.1): a key is in `groups` while its group has
/// waiting items or one in flight; a key is in `ready` at most once, only when its group
/// has waiting items and none in flight; a worker is in `idleWorkers` only while `ready`
/// is empty.
struct GroupedQueueState<Key: Hashable & Sendable, Item: Sendable>: Sendable {
    /// Waiting items per group, in put order.
    var groups: [Key: FIFO<Item>] = [:]
    /// Groups waiting for a worker, in round-robin order across fairness classes.
    var ready: ReadyLine<Key>
    /// Workers suspended until a group is ready (nil tells them to stop).
    var idleWorkers = FIFO<CheckedContinuation<Key?, Never>>()
    /// Set by `finish()`: puts are refused and workers stop once nothing is left.
    var isFinished = false
    /// Items waiting in every group.
    var waitingCount = 0

    init(classify: (@Sendable (Key) -> String)?) {
        ready = ReadyLine(classify: classify)
    }

    /// Makes a group with waiting items available: straight to an idle worker if one
    /// exists (returned, to be resumed outside the lock), else to the back of `ready`.
    mutating func schedule(_ key: Key) -> CheckedContinuation<Key?, Never>? {
        if let worker = idleWorkers.popFirst() { return worker }
        ready.append(key)
        return nil
    }

    /// Removes the head item of a group, folding following waiting items into it while
    /// `combine` accepts them (§5.1 rule 4: only consecutive items, only while waiting).
    mutating func takeItem(of key: Key, combine: (@Sendable (Item, Item) -> Item?)?) -> Item? {
        guard var group = groups[key], var item = group.popFirst() else { return nil }
        waitingCount -= 1
        if let combine {
            while let next = group.first, let combined = combine(item, next) {
                item = combined
                _ = group.popFirst()
                waitingCount -= 1
            }
        }
        groups[key] = group
        return item
    }
}
