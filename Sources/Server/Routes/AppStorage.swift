import Engine

/// The data of every app, as the routes need it. The engine's registry conforms;
/// keeping the routes on this seam lets them stay ignorant of files and logs.
public protocol AppStorage: Sendable {
    /// Builds a transaction from the app's current state and applies it, both under the
    /// app's lock (so admin step expansion sees exactly the attrs it commits against),
    /// then returns once the transaction is durable.
    func transact(
        app: EntityID, context: TransactionContext,
        build: @Sendable (AppState) throws(InstantError) -> [TxStep]
    ) async throws(InstantError) -> TxReport
    /// Reads an app's state (a consistent snapshot) with `body`.
    func read<T: Sendable>(app: EntityID, _ body: @Sendable (AppState) throws(InstantError) -> T) async throws(InstantError) -> T
    /// The app's database itself, for live queries that must stay attached to it
    /// (admin SSE subscriptions, sessions).
    func database(app: EntityID) async throws(InstantError) -> AppDatabase
    /// Removes an app's data.
    func removeApp(_ app: EntityID) async
    /// Reads an app's state with `body` if the app is in memory, without waiting; nil when
    /// it is not (or the storage cannot tell).
    func readIfLoaded<T>(app: EntityID, _ body: (AppState) -> T) -> T?
}

extension AppStorage {
    /// Storage that cannot read without waiting never answers immediately.
    public func readIfLoaded<T>(app: EntityID, _ body: (AppState) -> T) -> T? {
        nil
    }
}
