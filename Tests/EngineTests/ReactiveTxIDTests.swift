import Synchronization
import Testing

@testable import Engine

/// `processed-tx-id` reflects exactly the commits in the result: never ahead of the last
/// commit, never decreasing (protocol-session §14, server-architecture §4.2).
struct ReactiveTxIDTests {
    let users: JSONValue = .parse(#"{"users": {}}"#)

    @Test func processedTxIDIsNilBeforeTheFirstCommit() async throws {
        let database = AppDatabase()
        let outcome = try await database.subscribe(session: .test(1), query: users, identity: .admin)
        #expect(outcome == .added(QuerySnapshot(result: outcome.snapshotResult, processedTxID: nil)))
    }

    /// A writer sets alice's age to a new number per commit while readers subscribe and
    /// refresh concurrently; every answer stamped P must show exactly the age of tx P.
    @Test func resultsMatchTheirStampUnderConcurrentCommits() async throws {
        let app = try await ReactiveFixture()
        let base = app.database.lastTxID
        let ageByTx = Shared<[Int64: Int64]>([base: 30])
        let observations = Shared<[Observation]>([])
        let (refresher, looper) = (EntityID.test(901), EntityID.test(902))
        _ = app.database.attachSession(refresher) { _ in }
        _ = try await app.subscribe(refresher, users)

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for age in Int64(100)..<Int64(160) {
                    let txID = try await app.commit([.add(app.alice, app.s.age, .int(age))])
                    ageByTx.withLock { $0[txID] = age }
                }
            }
            group.addTask {
                for _ in 0..<60 {
                    let snapshot = try await app.subscribe(looper, users)
                    let committed = app.database.lastTxID
                    let txID = try #require(snapshot.processedTxID)
                    let age = snapshot.result.value(of: app.alice, app.s.age)
                    observations.withLock { $0.append(Observation(txID: txID, age: age, lastCommitted: committed)) }
                    app.database.unsubscribe(session: looper, query: users)
                }
            }
            group.addTask {
                var last: Int64 = 0
                for _ in 0..<60 {
                    let refresh = try await app.database.refresh(session: refresher)
                    let txID = try #require(refresh.processedTxID)
                    #expect(txID >= last)
                    last = txID
                    for computation in refresh.computations {
                        let age = computation.result.value(of: app.alice, app.s.age)
                        let committed = app.database.lastTxID
                        observations.withLock { $0.append(Observation(txID: txID, age: age, lastCommitted: committed)) }
                    }
                    await Task.yield()
                }
            }
            try await group.waitForAll()
        }
        let ages = ageByTx.withLock { $0 }
        let seen = observations.withLock { $0 }
        #expect(seen.count >= 60)
        for observation in seen {
            #expect(observation.txID <= observation.lastCommitted)
            #expect(observation.age == ages[observation.txID].map { .int($0) })
        }
    }

    @Test func aDurableAppStampsOnlyDurableCommits() async throws {
        let directory = TemporaryDirectory()
        let database = try AppDatabase(directory: directory.path)
        let s = TestSchema()
        _ = try await database.transact(s.attrs.map { .addAttr($0) })
        let report = try await database.transact(s.user(.test(1), [(s.name, "Alice")]))
        let snapshot = try await database.subscribe(session: .test(9), query: users, identity: .admin)
        guard case .added(let answer) = snapshot else {
            Issue.record("not added")
            return
        }
        #expect(answer.processedTxID == report.txID)
        #expect(database.durableTxID >= report.txID)
    }
}

/// One answer seen by a reader: its stamp, alice's age in it, and the last commit then.
struct Observation: Sendable {
    var txID: Int64
    var age: JSONValue?
    var lastCommitted: Int64
}

/// A value several test tasks update.
final class Shared<Value: Sendable>: Sendable {
    private let value: Mutex<Value>

    init(_ initial: Value) { value = Mutex(initial) }

    func withLock<T: Sendable>(_ body: (inout Value) -> T) -> T { value.withLock { body(&$0) } }
}

extension SubscribeOutcome {
    /// The result of `.added`, or null.
    var snapshotResult: JSONValue {
        if case .added(let snapshot) = self { return snapshot.result }
        return .null
    }
}
