import Dispatch
import Foundation
import Synchronization

/// The durable log of one app (server-architecture §7.4): segments of framed commit
/// records, snapshots, and group commit.
///
/// Committers call `append` in tx order while holding the database lock; a serial
/// flush queue writes everything queued with one `write` and one `fdatasync`, then
/// completes the commits it covered. A commit is acknowledged only after that sync.
/// Snapshots are written on a second queue so commits keep flowing meanwhile.
final class AppLog: Sendable {
    /// The app directory holding segments and snapshots.
    let directory: String
    /// When to snapshot.
    let options: DurabilityOptions
    private let flushQueue: DispatchQueue
    private let snapshotQueue: DispatchQueue
    /// Work and waiters between commits and the flush queue.
    let queue: Mutex<LogQueue>
    private let writer: Mutex<SegmentWriter>

    /// A log over recovered files; `AppLog.open(directory:options:)` builds it.
    init(
        directory: String, options: DurabilityOptions, writer: SegmentWriter, durableTxID: Int64,
        bytesSinceSnapshot: Int
    ) {
        self.directory = directory
        self.options = options
        flushQueue = DispatchQueue(label: "instant-local.log.flush")
        snapshotQueue = DispatchQueue(label: "instant-local.log.snapshot")
        queue = Mutex(LogQueue(durableTxID: durableTxID, bytesSinceSnapshot: bytesSinceSnapshot))
        self.writer = Mutex(writer)
    }

    deinit {
        writer.withLock { $0.close() }
    }

    /// The error every commit now fails with, if the log stopped accepting them.
    var failure: DurabilityError? { queue.withLock { $0.failure } }

    /// Highest tx id known to be on disk.
    var durableTxID: Int64 { queue.withLock { $0.durableTxID } }

    /// Queues one framed record; `completion` runs once it is durable or the log failed.
    /// Call in tx order (under the database lock).
    func append(_ frame: [UInt8], txID: Int64, completion: @escaping @Sendable (DurabilityError?) -> Void) {
        let failure = queue.withLock { q -> DurabilityError? in
            if let failure = q.failure { return failure }
            q.pushRecords(frame, txID: txID)
            q.waiters.append(LogQueue.Waiter(txID: txID, completion: completion))
            scheduleDrain(&q)
            return nil
        }
        if let failure { completion(failure) }
    }

    /// Calls `completion` once every tx up to `txID` is durable (at once if it is).
    func whenDurable(_ txID: Int64, completion: @escaping @Sendable (DurabilityError?) -> Void) {
        let ready = queue.withLock { q -> DurabilityError?? in
            if txID <= q.durableTxID { return .some(nil) }
            if let failure = q.failure { return .some(failure) }
            let index = q.waiters.firstIndex { $0.txID > txID } ?? q.waiters.count
            q.waiters.insert(LogQueue.Waiter(txID: txID, completion: completion), at: index)
            return .none
        }
        if let ready { completion(ready) }
    }

    /// Schedules a drain unless one is pending. Call with the queue locked.
    func scheduleDrain(_ q: inout LogQueue) {
        guard !q.drainScheduled else { return }
        q.drainScheduled = true
        flushQueue.async { self.drain() }
    }

    /// Writes and syncs queued operations until none are left, then completes waiters.
    private func drain() {
        while true {
            let batch = queue.withLock { q -> [LogQueue.Operation]? in
                if q.operations.isEmpty {
                    q.drainScheduled = false
                    return nil
                }
                defer { q.operations.removeAll() }
                return q.operations
            }
            guard let batch else { return }
            var lastTxID: Int64?
            let result = writer.withLock { w in
                Result { () throws(DurabilityError) in
                    for operation in batch {
                        switch operation {
                        case .append(let bytes, let first, let last):
                            try w.append(bytes, firstTxID: first)
                            lastTxID = last
                        case .rotate:
                            try w.rotate()
                        case .removeFiles(let txID):
                            try w.sync()
                            do {
                                try w.removeFiles(coveredBy: txID)
                            } catch {
                                AppLog.warn(
                                    "\(directory): could not remove files older than snapshot \(txID): \(error)")
                            }
                        }
                    }
                    try w.sync()
                }
            }
            let failure: DurabilityError?
            switch result {
            case .success: failure = nil
            case .failure(let error): failure = error
            }
            let ready = queue.withLock { q -> [LogQueue.Waiter] in
                if let failure {
                    // After a failed sync the file's contents are unknown: stop for good.
                    q.failure = q.failure ?? failure
                    q.operations.removeAll()
                    defer { q.waiters.removeAll() }
                    return q.waiters
                }
                if let lastTxID { q.durableTxID = lastTxID }
                return q.takeDurableWaiters()
            }
            if let failure { AppLog.warn("\(directory): log write failed, refusing further commits: \(failure)") }
            for waiter in ready { waiter.completion(failure) }
        }
    }

    /// Waits for queued work, then closes the segment; later commits fail with `.closed`.
    func close() {
        snapshotQueue.sync {}
        flushQueue.sync {}
        let stranded = queue.withLock { q -> [LogQueue.Waiter] in
            q.failure = q.failure ?? .closed
            defer { q.waiters.removeAll() }
            return q.waiters
        }
        for waiter in stranded { waiter.completion(.closed) }
        writer.withLock { $0.close() }
    }

    /// Refuses further commits and closes the segment once queued work is done,
    /// without blocking the caller.
    func closeWithoutWaiting() {
        queue.withLock { q in q.failure = q.failure ?? .closed }
        snapshotQueue.async {
            self.flushQueue.async { self.writer.withLock { $0.close() } }
        }
    }

    /// Waits until everything queued so far, snapshots included, reached the disk.
    func waitUntilIdle() {
        snapshotQueue.sync {}
        flushQueue.sync {}
    }

    /// Dispatches snapshot work.
    func onSnapshotQueue(_ work: @escaping @Sendable () -> Void) {
        snapshotQueue.async(execute: work)
    }

    /// Writes one line to standard error: recovery cuts and failed background work
    /// must be visible to whoever runs the server, and there is no caller to throw to.
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("instant-local: \(message)\n".utf8))
    }
}
