import Dispatch

/// App-addressed operations, the shape the server's routes use (`AppStorage`).
extension AppRegistry {
    /// Where apps load when asked for from async code: loading reads the whole app
    /// (a second or more for millions of triples) and must not hold a thread of the
    /// concurrency pool, which has one per core.
    static let loadQueue = DispatchQueue(label: "instant-local.registry.load", attributes: .concurrent)

    /// `database(for:)` for async callers: an app already in memory is returned at
    /// once, any other is loaded on `loadQueue`.
    public func loadDatabase(for appID: EntityID) async throws(DurabilityError) -> AppDatabase {
        if let database = handle(for: appID).loadedDatabase() { return database }
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<AppDatabase, DurabilityError>, Never>) in
            AppRegistry.loadQueue.async {
                continuation.resume(returning: Result { () throws(DurabilityError) in try self.database(for: appID) })
            }
        }
        return try result.get()
    }

    /// Builds and applies a transaction on one app under its lock; returns once durable.
    public func transact(
        app: EntityID, context: TransactionContext,
        build: @Sendable (AppState) throws(InstantError) -> [TxStep]
    ) async throws(InstantError) -> TxReport {
        try await loaded(app).transact(context: context, build: build)
    }

    /// Reads one app's state under its lock.
    public func read<T: Sendable>(
        app: EntityID, _ body: @Sendable (AppState) throws(InstantError) -> T
    ) async throws(InstantError) -> T {
        try await loaded(app).read { (state) throws(InstantError) -> T in try body(state) }
    }

    /// Reads one app's state under its lock if the app is in memory; nil without loading
    /// it. For callers that must not wait (the readiness loop thread).
    public func readIfLoaded<T>(app: EntityID, _ body: (AppState) -> T) -> T? {
        handle(for: app).loadedDatabase()?.read { (state) -> T in body(state) }
    }

    /// Closes an app and deletes its directory; a later use starts it empty.
    public func removeApp(_ app: EntityID) async {
        removeHandle(for: app)?.close()
        guard let path = directory(for: app) else { return }
        do {
            try SystemFile.removeTree(path)
        } catch {
            AppLog.warn("could not remove \(path): \(error)")
        }
    }

    /// The app's database, with load failures in the client's error shape.
    private func loaded(_ app: EntityID) async throws(InstantError) -> AppDatabase {
        do {
            return try await loadDatabase(for: app)
        } catch {
            throw .storageFailed(error)
        }
    }
}
