import Dispatch
import Synchronization

/// Committing: apply under the lock, queue the record, wait for the disk.
extension AppDatabase {
    /// Applies `steps` atomically and returns once the transaction is durable.
    ///
    /// A rejected transaction changes nothing and writes nothing. If the log fails
    /// after the transaction was applied, the error is `InstantError.storageFailed`
    /// and the app stops accepting commits.
    public func transact(
        _ steps: [TxStep], context: TransactionContext = TransactionContext()
    ) async throws(InstantError) -> TxReport {
        try await transact(context: context) { _ throws(InstantError) in steps }
    }

    /// Builds the steps from the current state and applies them, both under the lock,
    /// so the steps see exactly the attrs they commit against (admin step expansion);
    /// returns once the transaction is durable.
    public func transact(
        context: TransactionContext = TransactionContext(),
        build: (AppState) throws(InstantError) -> [TxStep]
    ) async throws(InstantError) -> TxReport {
        let outcome = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<TxReport, InstantError>, Never>) in
            commit(context: context, build: build) { continuation.resume(returning: $0) }
        }
        return try outcome.get()
    }

    /// `transact`, blocking the calling thread until durable: for command-line tools
    /// and benchmarks, never for code running on the concurrency pool.
    public func transactBlocking(
        _ steps: [TxStep], context: TransactionContext = TransactionContext()
    ) throws(InstantError) -> TxReport {
        let outcome = BlockingOutcome()
        commit(context: context, build: { _ throws(InstantError) in steps }) { outcome.complete($0) }
        return try outcome.wait().get()
    }

    /// Builds and applies the steps under the lock and queues the record; `completion`
    /// runs once, after the record is durable or as soon as the transaction is rejected.
    func commit(
        context: TransactionContext, build: (AppState) throws(InstantError) -> [TxStep],
        completion: @escaping @Sendable (Result<TxReport, InstantError>) -> Void
    ) {
        let immediate = state.withLock { s -> (Result<TxReport, InstantError>, CommitWakes?)? in
            if let failure = log?.failure { return (.failure(.storageFailed(failure)), nil) }
            let report: TxReport
            do throws(InstantError) {
                // Read under the lock, so timestamps follow tx order whenever the clock does.
                report = try s.transact(try build(s), context: context, now: clock.now())
            } catch {
                return (.failure(error), nil)
            }
            // Marked under the lock evaluations take, in commit order; the sessions are
            // woken only once the commit is durable (server-architecture §7.2).
            let wakes = queries.withLock { $0.invalidate(by: report) }
            guard let log else { return (.success(report), wakes) }
            var writer = BinaryWriter(capacity: 64 + 48 * report.changes.count)
            let start = RecordFrame.begin(in: &writer)
            CommitRecord(report).encode(into: &writer)
            RecordFrame.finish(in: &writer, startingAt: start)
            log.append(writer.bytes, txID: report.txID) { failure in
                if failure == nil { wakes.deliver() }
                completion(failure.map { .failure(.storageFailed($0)) } ?? .success(report))
            }
            if log.isSnapshotDue { log.beginSnapshot(of: s) }
            return nil
        }
        if let (outcome, wakes) = immediate {
            wakes?.deliver()
            completion(outcome)
        }
    }
}

/// A result handed from the flush queue to a thread blocked in `transactBlocking`.
private final class BlockingOutcome: Sendable {
    private let result = Mutex<Result<TxReport, InstantError>?>(nil)
    private let semaphore = DispatchSemaphore(value: 0)

    /// Hands over the outcome and wakes the waiting thread.
    func complete(_ outcome: Result<TxReport, InstantError>) {
        result.withLock { $0 = outcome }
        semaphore.signal()
    }

    /// Blocks until `complete` ran, then returns its outcome.
    func wait() -> Result<TxReport, InstantError> {
        semaphore.wait()
        return result.withLock { $0! }
    }
}
