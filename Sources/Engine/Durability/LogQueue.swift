/// What an app's log holds between a commit and its `fsync`, guarded by the log's mutex.
///
/// Committers push operations in tx order (under the database lock); the flush
/// queue takes them all at once, so every commit that arrived during one `fsync`
/// shares the next one (group commit).
struct LogQueue {
    /// Work for the flush queue, in order.
    enum Operation {
        /// Framed records for txs `firstTxID...lastTxID`, consecutive commits coalesced.
        case append([UInt8], firstTxID: Int64, lastTxID: Int64)
        /// Close the current segment; later records start a new one (a snapshot began).
        case rotate
        /// A snapshot of `txID` is durable: drop the files it makes redundant.
        case removeFiles(coveredBy: Int64)
    }

    /// A commit waiting for its record to be durable.
    struct Waiter {
        var txID: Int64
        var completion: @Sendable (DurabilityError?) -> Void
    }

    /// Queued work, oldest first.
    var operations: [Operation] = []
    /// Ascending by tx id, because they are pushed in commit order.
    var waiters: [Waiter] = []
    /// Whether a drain is queued or running; a push schedules one only when false.
    var drainScheduled = false
    /// Highest tx id known to be on disk.
    var durableTxID: Int64
    /// Set after a failed write or sync, or on close; every later commit fails with it.
    var failure: DurabilityError?
    /// Record bytes written since the last snapshot began.
    var bytesSinceSnapshot: Int
    /// Whether a snapshot is being written in the background.
    var snapshotInProgress = false

    /// The state after recovery: everything recovered is durable.
    init(durableTxID: Int64, bytesSinceSnapshot: Int) {
        self.durableTxID = durableTxID
        self.bytesSinceSnapshot = bytesSinceSnapshot
    }

    /// Queues framed records, merging them into a preceding append.
    mutating func pushRecords(_ bytes: [UInt8], txID: Int64) {
        if case .append(var merged, let first, _)? = operations.last {
            operations.removeLast()
            merged.append(contentsOf: bytes)
            operations.append(.append(merged, firstTxID: first, lastTxID: txID))
        } else {
            operations.append(.append(bytes, firstTxID: txID, lastTxID: txID))
        }
        bytesSinceSnapshot += bytes.count
    }

    /// Removes and returns the waiters whose txs are durable.
    mutating func takeDurableWaiters() -> [Waiter] {
        let count = waiters.prefix { $0.txID <= durableTxID }.count
        defer { waiters.removeFirst(count) }
        return Array(waiters.prefix(count))
    }
}
