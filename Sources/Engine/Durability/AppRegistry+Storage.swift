/// App-addressed operations, the shape the server's routes use (`AppStorage`).
extension AppRegistry {
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
        try loaded(app).read { (state) throws(InstantError) -> T in try body(state) }
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
    private func loaded(_ app: EntityID) throws(InstantError) -> AppDatabase {
        do {
            return try database(for: app)
        } catch {
            throw .storageFailed(error)
        }
    }
}
