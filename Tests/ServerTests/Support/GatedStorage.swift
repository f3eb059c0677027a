import Engine

@testable import Server

/// The real registry, except that handing out a database waits until the test opens the
/// gate: it holds a session's `init` suspended at a known point.
final class GatedStorage: AppStorage {
    let registry: AppRegistry
    /// Yields once each time a caller reaches the gate.
    let arrivals: AsyncStream<Void>
    private let arrived: AsyncStream<Void>.Continuation
    private let gate: AsyncStream<Void>
    private let opener: AsyncStream<Void>.Continuation

    init(registry: AppRegistry) {
        self.registry = registry
        (arrivals, arrived) = AsyncStream.makeStream(of: Void.self)
        (gate, opener) = AsyncStream.makeStream(of: Void.self)
    }

    /// Lets every waiting and later caller through.
    func open() {
        opener.finish()
    }

    func database(app: EntityID) async throws(InstantError) -> AppDatabase {
        arrived.yield()
        for await _ in gate {}
        return try await registry.database(app: app)
    }

    func transact(
        app: EntityID, context: TransactionContext, build: @Sendable (AppState) throws(InstantError) -> [TxStep]
    ) async throws(InstantError) -> TxReport {
        try await registry.transact(app: app, context: context, build: build)
    }

    func read<T: Sendable>(
        app: EntityID, _ body: @Sendable (AppState) throws(InstantError) -> T
    ) async throws(InstantError) -> T {
        try await registry.read(app: app, body)
    }

    func removeApp(_ app: EntityID) async {
        await registry.removeApp(app)
    }
}
