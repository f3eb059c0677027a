import Synchronization
import Testing

@testable import Engine

/// Live queries under rules: a signed-in user's subscription sees exactly their rows,
/// first and after other users' writes (permissions §5.2, issue #8).
@Suite struct PermissionLiveQueryTests {
    typealias IDs = PermissionIDs
    static let rules: JSONValue = [
        "todos": [
            "allow": [
                "view": "auth.id == data.ownerId", "create": "auth.id == data.ownerId",
                "update": "auth.id == data.ownerId",
            ]
        ]
    ]

    /// Owner ids of the todos in a join-rows result.
    static func ids(_ result: JSONValue?) -> Set<String> {
        let rows = result?.arrayValue?.first?["data"]?["datalog-result"]?["join-rows"]?.arrayValue ?? []
        return Set(rows.flatMap { $0.arrayValue ?? [] }.compactMap { $0.arrayValue?.first?.stringValue })
    }

    func steps(_ database: AppDatabase, _ json: JSONValue) throws -> [TxStep] {
        try database.read { (s) throws(InstantError) -> [TxStep] in try AdminSteps.expand(json, catalog: s.catalog) }
    }

    @Test func aUserSeesOnlyTheirRowsLiveAsOthersWrite() async throws {
        let database = AppDatabase()
        try database.setRules(Self.rules)
        let u1 = Identity.user(IDs.u1)
        let u2 = Identity.user(IDs.u2)
        let t3 = EntityID.random()
        _ = try await database.transact(
            try steps(database, [["update", "todos", JSONValue(IDs.t1), ["ownerId": JSONValue(IDs.u1)]]]),
            context: TransactionContext(identity: u1))
        let session = EntityID.random()
        let woken = Mutex(0)
        _ = database.attachSession(session) { _ in woken.withLock { $0 += 1 } }
        guard
            case .added(let first) = try await database.subscribe(session: session, query: ["todos": [:]], identity: u1)
        else {
            Issue.record("expected a new subscription")
            return
        }
        #expect(Self.ids(first.result) == [IDs.t1.uuidString])

        // u2 writes their own row: u1's result does not change.
        _ = try await database.transact(
            try steps(database, [["update", "todos", JSONValue(IDs.t2), ["ownerId": JSONValue(IDs.u2)]]]),
            context: TransactionContext(identity: u2))
        let quiet = try await database.refresh(session: session)
        #expect(quiet.computations.isEmpty)

        // u2 may not create a row for u1 ...
        await #expect(throws: InstantError.self) {
            _ = try await database.transact(
                try steps(database, [["update", "todos", JSONValue(t3), ["ownerId": JSONValue(IDs.u1)]]]),
                context: TransactionContext(identity: u2))
        }
        // ... nor take u1's row, but may hand their own row to u1, which u1 then sees.
        await #expect(throws: InstantError.self) {
            _ = try await database.transact(
                try steps(database, [["update", "todos", JSONValue(IDs.t1), ["ownerId": JSONValue(IDs.u2)]]]),
                context: TransactionContext(identity: u2))
        }
        _ = try await database.transact(
            try steps(database, [["update", "todos", JSONValue(IDs.t2), ["ownerId": JSONValue(IDs.u1)]]]),
            context: TransactionContext(identity: u2))
        let refreshed = try await database.refresh(session: session)
        let seen = Self.ids(refreshed.computations.first?.result)
        #expect(seen == [IDs.t1.uuidString, IDs.t2.uuidString])
        #expect(woken.withLock { $0 } >= 1)
    }

    @Test func changingTheRulesRefreshesLiveQueries() async throws {
        let database = AppDatabase()
        _ = try await database.transact(
            try steps(database, [["update", "todos", JSONValue(IDs.t1), ["ownerId": JSONValue(IDs.u1)]]]))
        let session = EntityID.random()
        _ = database.attachSession(session) { _ in }
        _ = try await database.subscribe(session: session, query: ["todos": [:]], identity: .anonymous)
        try database.setRules(["todos": ["allow": ["view": "false"]]])
        let refreshed = try await database.refresh(session: session)
        let seen = Self.ids(refreshed.computations.first?.result)
        #expect(refreshed.computations.count == 1)
        #expect(seen.isEmpty)
        #expect(database.rules.version == 1)
    }
}
