import Testing

@testable import Engine

/// Subscribe, commit, refresh: results pushed exactly when they change
/// (protocol-session §6, server-architecture §3–§4).
struct ReactiveSubscriptionTests {
    let sessionA = EntityID.test(901)
    let sessionB = EntityID.test(902)
    let users: JSONValue = .parse(#"{"users": {}}"#)

    @Test func subscriberGetsExactlyTheNewResultAfterAnotherSessionCommits() async throws {
        let app = try await ReactiveFixture()
        let wakes = WakeRecorder()
        _ = app.database.attachSession(sessionA, wake: wakes.wake)
        let first = try await app.subscribe(sessionA, users)
        #expect(first.result == (try app.currentResult(users)))
        #expect(first.processedTxID == app.database.lastTxID)

        // "Session B" commits through the same database.
        let txID = try await app.commit([.add(app.bob, app.s.name, "Robert")])
        #expect(wakes.drain() == [CommitNotice(txID: txID, attrsChanged: false)])

        let refresh = try await app.database.refresh(session: sessionA)
        #expect(refresh.processedTxID == txID)
        #expect(refresh.attrs == nil)
        #expect(refresh.failures.isEmpty)
        #expect(refresh.computations.count == 1)
        #expect(refresh.computations.first?.query == users)
        let result = try #require(refresh.computations.first?.result)
        #expect(result == (try app.currentResult(users)))
        #expect(result.value(of: app.bob, app.s.name) == "Robert")

        // Nothing new: no evaluation, nothing to send.
        let before = app.evaluations
        let again = try await app.database.refresh(session: sessionA)
        #expect(!again.needsRefreshMessage)
        #expect(app.evaluations == before)
    }

    @Test func theEchoIsTheQueryAsThatSessionSentIt() async throws {
        let app = try await ReactiveFixture()
        let spelledA: JSONValue = .parse(#"{"users": {"$": {"where": {"age": 30, "name": "Alice"}}}}"#)
        let spelledB: JSONValue = .parse(#"{"users": {"$": {"where": {"name": "Alice", "age": 30.0}}}}"#)
        _ = try await app.subscribe(sessionA, spelledA)
        _ = try await app.subscribe(sessionB, spelledB)
        #expect(app.database.queryStoreStatistics.subscriptions == 1)
        try await app.commit([.add(app.alice, app.s.age, 30), .add(app.alice, app.s.handle, "al")])
        let a = try await app.database.refresh(session: sessionA)
        let b = try await app.database.refresh(session: sessionB)
        #expect(a.computations.map(\.query.jsonString) == [spelledA.jsonString])
        #expect(b.computations.map(\.query.jsonString) == [spelledB.jsonString])
    }

    @Test func aSecondAddOfAnEqualQueryInOneSessionIsExists() async throws {
        let app = try await ReactiveFixture()
        _ = try await app.subscribe(sessionA, users)
        let evaluations = app.evaluations
        let outcome = try await app.database.subscribe(
            session: sessionA, query: .parse(#"{"users": {}}"#), identity: .admin)
        #expect(outcome == .exists)
        #expect(app.evaluations == evaluations)
        // After a remove, the same query is a new subscription again (§6.4).
        #expect(app.database.unsubscribe(session: sessionA, query: users))
        #expect(!app.database.unsubscribe(session: sessionA, query: users))
        _ = try await app.subscribe(sessionA, users)
    }

    @Test func aFailingQueryRegistersNothing() async throws {
        let app = try await ReactiveFixture()
        await #expect(throws: InstantError.self) {
            _ = try await app.database.subscribe(
                session: sessionA, query: .parse(#"{"users": {"$": {"bogus": 1}}}"#),
                identity: .admin)
        }
        let stats = app.database.queryStoreStatistics
        #expect(stats.subscriptions == 0)
        #expect(stats.sessions == 0)
        #expect(stats.isIndexEmpty)
    }

    @Test func aMatchedChangeThatLeavesTheResultAloneSendsNothing() async throws {
        let app = try await ReactiveFixture()
        let wakes = WakeRecorder()
        _ = app.database.attachSession(sessionA, wake: wakes.wake)
        // The tree carries no timestamps, so a value changed and changed back is the
        // same result.
        _ = try await app.database.subscribe(
            session: sessionA, query: users, identity: .admin, encoding: .tree(inference: false))
        let before = app.evaluations
        try await app.commit([.add(app.alice, app.s.name, "Alicia")])
        try await app.commit([.add(app.alice, app.s.name, "Alice")])
        #expect(wakes.drain().count == 1)
        let refresh = try await app.database.refresh(session: sessionA)
        #expect(app.evaluations == before + 1)
        #expect(refresh.computations.isEmpty)
        #expect(!refresh.needsRefreshMessage)
    }

    @Test func attrChangesWakeEverySessionAndCarryTheCatalogueOnce() async throws {
        let app = try await ReactiveFixture()
        let idle = WakeRecorder()
        let busy = WakeRecorder()
        let initial = app.database.attachSession(sessionA, wake: idle.wake)
        _ = app.database.attachSession(sessionB, wake: busy.wake)
        _ = try await app.subscribe(sessionB, .parse(#"{"tags": {}}"#))
        let nickname = Attr.make("users", "nickname")
        let txID = try await app.commit([.addAttr(nickname)])
        #expect(idle.drain() == [CommitNotice(txID: txID, attrsChanged: true)])
        #expect(busy.drain() == [CommitNotice(txID: txID, attrsChanged: true)])

        let refresh = try await app.database.refresh(session: sessionA)
        let attrs = try #require(refresh.attrs)
        #expect(attrs.count == initial.count + 1)
        #expect(attrs.contains { $0.id == nickname.id })
        #expect(refresh.needsRefreshMessage)
        let second = try await app.database.refresh(session: sessionA)
        #expect(second.attrs == nil)
        // The subscribed session gets the catalogue; its unchanged result is not resent.
        let other = try await app.database.refresh(session: sessionB)
        #expect(other.attrs != nil)
        #expect(other.computations.isEmpty)
    }

    @Test func aQueryThatStopsValidatingIsReportedAndDropped() async throws {
        let app = try await ReactiveFixture()
        let ordered: JSONValue = .parse(#"{"users": {"$": {"order": {"email": "asc"}, "limit": 5}}}"#)
        _ = try await app.subscribe(sessionA, ordered)
        try await app.commit([.updateAttr(["id": JSONValue(app.s.email.id), "index?": false])])
        let refresh = try await app.database.refresh(session: sessionA)
        #expect(refresh.failures.map(\.query) == [ordered])
        #expect(refresh.failures.first?.error.kind == .validationFailed)
        #expect(refresh.computations.isEmpty)
        let stats = app.database.queryStoreStatistics
        #expect(stats.subscriptions == 0)
        #expect(stats.isIndexEmpty)
        // Forgotten, so adding it again evaluates afresh (and fails now).
        await #expect(throws: InstantError.self) {
            _ = try await app.database.subscribe(session: sessionA, query: ordered, identity: .admin)
        }
    }
}
