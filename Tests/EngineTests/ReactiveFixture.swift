import Synchronization
import Testing

@testable import Engine

/// An in-memory app for live-query tests: `TestSchema`'s attrs, users alice and bob,
/// tag `news`, and a post by alice.
struct ReactiveFixture {
    let s = TestSchema()
    let database = AppDatabase(clock: .fixed(1_700_000_000_000))
    let alice = EntityID.test(1)
    let bob = EntityID.test(2)
    let post = EntityID.test(10)
    let tag = EntityID.test(20)

    init() async throws {
        _ = try await database.transact(s.attrs.map { .addAttr($0) })
        _ = try await database.transact(
            s.user(alice, [(s.name, "Alice"), (s.handle, "alice"), (s.age, 30)])
                + s.user(bob, [(s.name, "Bob"), (s.handle, "bob"), (s.age, 40)])
                + [.add(tag, s.tagsID, JSONValue(tag)), .add(tag, s.label, "news")]
                + s.post(post, [(s.title, "Hello"), (s.author, JSONValue(alice))]))
    }

    /// Commits steps and returns the tx id.
    @discardableResult
    func commit(_ steps: [TxStep]) async throws -> Int64 {
        try await database.transact(steps).txID
    }

    /// What a fresh evaluation of `query` gives now, in the socket encoding.
    func currentResult(_ query: JSONValue) throws -> JSONValue {
        try database.read { (state) throws(InstantError) -> JSONValue in
            try InstaQL.run(query: query, on: state, options: QueryOptions()).socketNodes
        }
    }

    /// Subscribes and returns the snapshot, failing the test on `.exists`.
    func subscribe(_ session: EntityID, _ query: JSONValue) async throws -> QuerySnapshot {
        let outcome = try await database.subscribe(session: session, query: query, identity: .admin)
        guard case .added(let snapshot) = outcome else {
            Issue.record("expected a new subscription")
            return QuerySnapshot(result: .null, processedTxID: nil)
        }
        return snapshot
    }

    var evaluations: Int { database.queryStoreStatistics.evaluations }
}

/// Records every wake-up a session gets.
final class WakeRecorder: Sendable {
    private let notices = Mutex<[CommitNotice]>([])

    var wake: SessionWake { { notice in self.notices.withLock { $0.append(notice) } } }

    var received: [CommitNotice] { notices.withLock { $0 } }

    /// Returns what arrived since the last call.
    func drain() -> [CommitNotice] { notices.withLock { n in defer { n = [] }; return n } }
}

extension JSONValue {
    /// The `[e, a, v, t]` rows of a socket-encoded result.
    var joinRows: [[JSONValue]] {
        let rows = self.arrayValue?.first?["data"]?["datalog-result"]?["join-rows"]?.arrayValue?.first?.arrayValue
        return (rows ?? []).compactMap(\.arrayValue)
    }

    /// The value of `attr` on `entity` in a socket-encoded result.
    func value(of entity: EntityID, _ attr: Attr) -> JSONValue? {
        joinRows.first { $0.count == 4 && $0[0] == JSONValue(entity) && $0[1] == JSONValue(attr.id) }?[2]
    }
}
