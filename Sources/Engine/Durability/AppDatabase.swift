import Synchronization

/// One loaded app: its state behind one lock, and its durable log (server-architecture §7.1).
///
/// Commits and reads serialise on the state's `Mutex`. A commit is applied under the
/// lock, its record queued to the log in tx order, the lock released, and the caller
/// resumed only once the record is on disk (group commit shares one `fsync` among
/// every commit queued meanwhile). Without a directory the database lives in memory
/// and touches no disk.
///
/// Reads may observe a transaction whose `fsync` is still running; its committer has
/// not been acknowledged yet. Code that must not expose such a transaction (the
/// invalidator before sending `refresh-ok`) waits with `waitUntilDurable(_:)`.
public final class AppDatabase: Sendable {
    /// The app's triples, attrs and tx counter; every commit and read takes this lock.
    let state: Mutex<AppState>
    /// Live queries; locked only while `state` is, so commits and evaluations of this
    /// app are totally ordered (server-architecture §7.2).
    let queries = Mutex(QueryStore())
    /// The log, or nil in memory.
    let log: AppLog?
    /// Where transactions get their timestamp.
    public let clock: WallClock
    /// What recovery found when the database was opened from disk; nil in memory.
    public let recovery: RecoveryReport?
    /// The app directory, or nil in memory.
    public let directory: String?

    /// An empty in-memory database.
    public init(clock: WallClock = .system) {
        state = Mutex(AppState())
        log = nil
        self.clock = clock
        recovery = nil
        directory = nil
    }

    /// Opens (or creates) the app stored in `directory`, recovering its state from the
    /// newest snapshot and the log after it.
    public init(
        directory: String, options: DurabilityOptions = DurabilityOptions(), clock: WallClock = .system
    ) throws(DurabilityError) {
        let opened = try AppLog.open(directory: directory, options: options)
        var loaded = opened.state
        loaded.rules = Self.readRules(from: directory)
        state = Mutex(loaded)
        log = opened.log
        self.clock = clock
        recovery = opened.report
        self.directory = directory
    }

    /// Stops the log without waiting: the last reference may go away on the flush queue
    /// itself (a commit's completion), where waiting for that queue would deadlock.
    /// Queued work still finishes; `AppRegistry` waits for it before reloading the app.
    deinit {
        log?.closeWithoutWaiting()
    }

    /// Runs `body` on the current state under the lock. Keep it short: commits wait.
    public func read<T, E: Error>(_ body: (borrowing AppState) throws(E) -> T) throws(E) -> T {
        try state.withLock { (s) throws(E) -> T in try body(s) }
    }

    /// Id of the last committed transaction (durable or about to be).
    public var lastTxID: Int64 { state.withLock { $0.lastTxID } }

    /// Highest tx id known to be on disk; in memory, the last committed one.
    public var durableTxID: Int64 { log?.durableTxID ?? lastTxID }

    /// Returns once every transaction up to `txID` is on disk.
    public func waitUntilDurable(_ txID: Int64) async throws(InstantError) {
        guard let log else { return }
        let failure = await withCheckedContinuation { (continuation: CheckedContinuation<DurabilityError?, Never>) in
            log.whenDurable(txID) { continuation.resume(returning: $0) }
        }
        if let failure { throw .storageFailed(failure) }
    }

    /// Writes a snapshot now and drops the log it covers (tests, benchmarks, shutdown).
    public func writeSnapshot() throws(DurabilityError) {
        guard let log else { return }
        while true {
            log.waitUntilIdle()
            let taken = state.withLock { s -> AppState? in log.startSnapshot() ? s : nil }
            if let taken { return try log.finishSnapshot(of: taken) }
            if let failure = log.failure { throw failure }
        }
    }

    /// Finishes queued writes and closes the log; later commits fail. Reads still work.
    public func close() {
        log?.close()
    }
}
