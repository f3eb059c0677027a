import Testing

@testable import Engine

/// Only queries a commit can affect are re-run, each shared query once
/// (server-architecture §3.5, §3.7; counted with `QueryStoreStatistics.evaluations`).
struct ReactiveInvalidationTests {
    let sessionA = EntityID.test(901)
    let sessionB = EntityID.test(902)
    let aliceOnly: JSONValue = .parse(#"{"users": {"$": {"where": {"handle": "alice"}}}}"#)

    @Test func aCommitOnAnUnrelatedAttrOrEntityReRunsNothing() async throws {
        let app = try await ReactiveFixture()
        let wakes = WakeRecorder()
        _ = app.database.attachSession(sessionA, wake: wakes.wake)
        _ = try await app.subscribe(sessionA, aliceOnly)
        _ = try await app.subscribe(sessionA, .parse(#"{"posts": {}}"#))
        let before = app.evaluations

        try await app.commit([.add(app.tag, app.s.label, "sports")])  // unrelated attr
        try await app.commit([.add(app.bob, app.s.name, "Robert")])  // unrelated entity
        try await app.commit([.add(app.bob, app.s.age, 41), .add(app.bob, app.s.handle, "bobby")])

        #expect(wakes.received.isEmpty)
        let refresh = try await app.database.refresh(session: sessionA)
        #expect(!refresh.needsRefreshMessage)
        #expect(app.evaluations == before)
    }

    @Test(arguments: [
        "name of the matched entity", "where value gained", "where value lost", "new entity of the etype",
    ])
    func aRelevantCommitReRunsTheQueryOnce(change: String) async throws {
        let app = try await ReactiveFixture()
        let wakes = WakeRecorder()
        _ = app.database.attachSession(sessionA, wake: wakes.wake)
        let query: JSONValue =
            switch change {
            case "where value gained": .parse(#"{"users": {"$": {"where": {"handle": "zed"}}}}"#)
            case "new entity of the etype": .parse(#"{"users": {}}"#)
            default: aliceOnly
            }
        _ = try await app.subscribe(sessionA, query)
        let before = app.evaluations
        switch change {
        case "name of the matched entity": try await app.commit([.add(app.alice, app.s.name, "Alicia")])
        case "where value gained": try await app.commit([.add(app.bob, app.s.handle, "zed")])
        case "where value lost": try await app.commit([.add(app.alice, app.s.handle, "alicia")])
        default: try await app.commit(app.s.user(EntityID.test(3), [(app.s.handle, "carol")]))
        }
        #expect(wakes.drain().count == 1)
        let refresh = try await app.database.refresh(session: sessionA)
        #expect(app.evaluations == before + 1)
        #expect(refresh.computations.count == 1)
    }

    @Test func identicalSubscriptionsOfTwoSessionsAreEvaluatedOnce() async throws {
        let app = try await ReactiveFixture()
        let (a, b) = (WakeRecorder(), WakeRecorder())
        _ = app.database.attachSession(sessionA, wake: a.wake)
        _ = app.database.attachSession(sessionB, wake: b.wake)
        let before = app.evaluations
        let first = try await app.subscribe(sessionA, aliceOnly)
        let second = try await app.subscribe(sessionB, aliceOnly)
        #expect(app.evaluations == before + 1)
        #expect(first.result == second.result)
        let stats = app.database.queryStoreStatistics
        #expect(stats.subscriptions == 1)
        #expect(stats.subscribers == 2)

        try await app.commit([.add(app.alice, app.s.age, 31)])
        #expect(a.drain().count == 1)
        #expect(b.drain().count == 1)
        let refreshA = try await app.database.refresh(session: sessionA)
        let refreshB = try await app.database.refresh(session: sessionB)
        #expect(app.evaluations == before + 2)
        #expect(refreshA.computations.count == 1)
        #expect(refreshA.computations == refreshB.computations)
        #expect(refreshB.computations.first?.result.value(of: app.alice, app.s.age) == 31)
    }

    @Test func amongManySubscriptionsOnlyTheAffectedOneIsReRun() async throws {
        let app = try await ReactiveFixture()
        var handles: [EntityID: String] = [:]
        var steps: [TxStep] = []
        for n in 0..<100 {
            let user = EntityID.test(1_000 + UInt64(n))
            handles[user] = "user\(n)"
            steps += app.s.user(user, [(app.s.handle, .string("user\(n)")), (app.s.name, "N")])
        }
        try await app.commit(steps)
        let recorders = (0..<100).map { _ in WakeRecorder() }
        for (n, recorder) in recorders.enumerated() {
            let session = EntityID.test(5_000 + UInt64(n))
            _ = app.database.attachSession(session, wake: recorder.wake)
            _ = try await app.subscribe(session, .parse(#"{"users": {"$": {"where": {"handle": "user\#(n)"}}}}"#))
        }
        let before = app.evaluations
        try await app.commit([.add(EntityID.test(1_042), app.s.name, "Changed")])
        let woken = recorders.indices.filter { !recorders[$0].received.isEmpty }
        #expect(woken == [42])
        for n in 0..<100 { _ = try await app.database.refresh(session: EntityID.test(5_000 + UInt64(n))) }
        #expect(app.evaluations == before + 1)
    }
}
