import Testing

@testable import Engine

/// Sessions that unsubscribe or disconnect leave nothing in the store or its topic index
/// (issue 7).
struct ReactiveCleanupTests {
    let queries: [JSONValue] = [
        .parse(#"{"users": {}}"#),
        .parse(#"{"users": {"$": {"where": {"handle": "alice"}}, "posts": {}}}"#),
        .parse(#"{"posts": {"author": {}, "tags": {}}}"#),
        .parse(#"{"nosuchetype": {}}"#),
    ]

    @Test func unsubscribingEverythingEmptiesTheStore() async throws {
        let app = try await ReactiveFixture()
        let sessions = (0..<3).map { EntityID.test(900 + UInt64($0)) }
        for session in sessions {
            for query in queries { _ = try await app.subscribe(session, query) }
        }
        var stats = app.database.queryStoreStatistics
        #expect(stats.subscriptions == queries.count)
        #expect(stats.subscribers == queries.count * sessions.count)
        #expect(!stats.isIndexEmpty)
        for session in sessions {
            for query in queries { #expect(app.database.unsubscribe(session: session, query: query)) }
        }
        stats = app.database.queryStoreStatistics
        #expect(stats.subscriptions == 0)
        #expect(stats.subscribers == 0)
        #expect(stats.sessions == 0)
        #expect(stats.indexPostings == 0)
        #expect(stats.isIndexEmpty)
    }

    @Test func detachingReleasesOnlyThatSessionsShare() async throws {
        let app = try await ReactiveFixture()
        let (a, b) = (EntityID.test(901), EntityID.test(902))
        let wakes = WakeRecorder()
        _ = app.database.attachSession(a, wake: wakes.wake)
        _ = app.database.attachSession(b, wake: wakes.wake)
        for query in queries { _ = try await app.subscribe(a, query) }
        _ = try await app.subscribe(b, queries[0])
        // A commit leaves stale subscriptions behind; detaching must release them too.
        try await app.commit([.add(app.alice, app.s.name, "Alicia")])

        app.database.detachSession(a)
        var stats = app.database.queryStoreStatistics
        #expect(stats.subscriptions == 1)
        #expect(stats.sessions == 1)
        let refresh = try await app.database.refresh(session: b)
        #expect(refresh.computations.count == 1)

        app.database.detachSession(b)
        stats = app.database.queryStoreStatistics
        #expect(stats.subscriptions == 0)
        #expect(stats.sessions == 0)
        #expect(stats.isIndexEmpty)
        // A detached session is not woken any more.
        _ = wakes.drain()
        try await app.commit([.add(app.alice, app.s.name, "Alice")])
        #expect(wakes.received.isEmpty)
    }
}
