import Foundation
import Testing

@testable import Engine

/// Apps load on first use and unload when idle (server-architecture §7.2).
struct DurabilityRegistryTests {
    @Test func appsLoadLazilyAndUnloadWhenIdle() async throws {
        let dir = TemporaryDirectory()
        let registry = AppRegistry(directory: dir.path)
        let (a, b) = (EntityID.test(0xA), EntityID.test(0xB))
        #expect(try registry.storedAppIDs().isEmpty)
        let steps = DurabilityWorkload().transactions[0].steps
        var before: StateFingerprint?
        do {
            let database = try registry.database(for: a)
            _ = try await database.transact(steps)
            #expect(try registry.database(for: a) === database)
            _ = try await registry.database(for: b).transact(steps)
            before = database.fingerprint
            #expect(registry.loadedAppIDs == [a, b])
            #expect(registry.unloadIdle(olderThan: .zero) == 2)
            // Still held here, so handed out again instead of loaded a second time.
            #expect(try registry.database(for: a) === database)
        }
        #expect(registry.unloadIdle(olderThan: .seconds(3600)) == 0)
        #expect(registry.unloadIdle(olderThan: .zero) == 1)
        #expect(registry.loadedAppIDs.isEmpty)
        #expect(try registry.storedAppIDs() == [a, b])
        let reloaded = try registry.database(for: a)
        #expect(reloaded.fingerprint == before)
        #expect(reloaded.recovery != nil)
    }

    @Test func storageOperationsAddressAppsByID() async throws {
        let dir = TemporaryDirectory()
        let registry = AppRegistry(directory: dir.path)
        let app = EntityID.test(0xC)
        let workload = DurabilityWorkload()
        _ = try await registry.transact(app: app, context: TransactionContext()) { _ in workload.transactions[0].steps }
        let report = try await registry.transact(app: app, context: TransactionContext()) { state in
            #expect(state.catalog[workload.schema.usersID.id] != nil)
            return workload.schema.user(.test(1))
        }
        #expect(report.txID == 2)
        #expect(try await registry.read(app: app) { $0.lastTxID } == 2)
        await registry.removeApp(app)
        #expect(try registry.storedAppIDs().isEmpty)
        #expect(try await registry.read(app: app) { $0.lastTxID } == 0)
    }

    @Test func inMemoryRegistryNeverUnloads() async throws {
        let registry = AppRegistry(directory: nil)
        let app = EntityID.test(0xD)
        _ = try await registry.database(for: app).transact(DurabilityWorkload().transactions[0].steps)
        #expect(registry.unloadIdle(olderThan: .zero) == 0)
        #expect(try registry.database(for: app).lastTxID == 1)
        #expect(registry.directory(for: app) == nil)
    }
}
