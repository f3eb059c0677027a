import Engine
import Testing
import Wire

@testable import Server

/// The event sequence of one admin live query (protocol-http §6.3–§6.5), driven the way
/// the HTTP connection drives it: by pulling the next event.
struct AdminLiveQueryTests {
    let goal = EntityID.random()

    func commit(_ database: AppDatabase, _ steps: JSONValue) async throws {
        _ = try await database.transact { (state) throws(InstantError) in
            try AdminSteps.expand(steps, catalog: state.catalog, throwOnMissingAttrs: false)
        }
    }

    func update(_ id: EntityID, _ etype: String, _ values: JSONValue) -> JSONValue {
        [["update", .string(etype), JSONValue(id), values]]
    }

    /// Decodes one `data:` event.
    func message(_ bytes: [UInt8]?) throws -> JSONValue {
        let text = String(decoding: try #require(bytes), as: UTF8.self)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("data:") })
        #expect(text.hasSuffix("\n\n"))
        return try JSONParser.parse(Array(line.dropFirst(5).utf8))
    }

    @Test func sendsInitThenResultThenKeepAlivesThenChanges() async throws {
        let database = AppDatabase()
        try await commit(database, update(goal, "goals", ["title": "Get fit"]))
        let query: JSONValue = ["goals": [:]]
        let live = AdminLiveQuery(
            database: database, query: query, identity: .admin, inference: false,
            keepAliveInterval: .milliseconds(20))

        let opening = try #require(await live.nextEvent())
        #expect(opening.starts(with: Array("retry:500\n\n".utf8)))
        let initMessage = try message(Array(opening.dropFirst("retry:500\n\n".utf8.count)))
        #expect(initMessage["op"] == "sse-init")
        #expect(initMessage["session-id"] == JSONValue(live.session))

        let added = try message(await live.nextEvent())
        #expect(added["op"] == "add-query-ok")
        #expect(added["q"] == query)
        #expect(added["result"] == ["goals": [["id": JSONValue(goal), "title": "Get fit"]]])
        #expect(added["result-meta"]?["page-info"] == [:])
        #expect(added["processed-tx-id"] == .int(database.lastTxID))

        // Nothing changes: a comment line keeps the stream alive.
        #expect(await live.nextEvent() == ServerSentEvent.keepAlive)

        try await commit(database, update(EntityID.random(), "notes", ["text": "unrelated"]))
        try await commit(database, update(goal, "goals", ["title": "Get fitter"]))
        var next = try #require(await live.nextEvent())
        // The unrelated commit may create attrs (every session hears of those); skip
        // keep-alives until the change arrives.
        while next == ServerSentEvent.keepAlive { next = try #require(await live.nextEvent()) }
        let refresh = try message(next)
        #expect(refresh["op"] == "refresh-ok")
        #expect(refresh["processed-tx-id"] == .int(database.lastTxID))
        let computation = try #require(refresh["computations"]?.arrayValue?.first)
        #expect(computation["instaql-query"] == query)
        #expect(computation["instaql-result"] == ["goals": [["id": JSONValue(goal), "title": "Get fitter"]]])
    }

    @Test func anInvalidQueryIsAnErrorEventAndTheStreamStaysOpen() async throws {
        let database = AppDatabase()
        let query: JSONValue = ["goals": ["$": ["bogus": 1]]]
        let live = AdminLiveQuery(
            database: database, query: query, identity: .admin, inference: false,
            keepAliveInterval: .milliseconds(20))
        _ = await live.nextEvent()
        let error = try message(await live.nextEvent())
        #expect(error["op"] == "error")
        #expect(error["status"] == 400)
        #expect(error["type"] == "validation-failed")
        #expect(error["original-event"]?["q"] == query)
        #expect(await live.nextEvent() == ServerSentEvent.keepAlive)
    }

    @Test func cancellingTheStreamFreesTheSession() async throws {
        let database = AppDatabase()
        try await commit(database, update(goal, "goals", ["title": "Get fit"]))
        let stream = AdminLiveQuery(
            database: database, query: ["goals": [:]], identity: .admin, inference: false,
            keepAliveInterval: .seconds(60)
        ).makeStream()
        let consumer = Task {
            var count = 0
            for await _ in stream { count += 1 }
            return count
        }
        // Wait until the subscription exists, then hang up.
        while database.queryStoreStatistics.subscriptions == 0 { await Task.yield() }
        consumer.cancel()
        #expect(await consumer.value >= 1)
        let stats = database.queryStoreStatistics
        #expect(stats.sessions == 0)
        #expect(stats.subscriptions == 0)
        #expect(stats.isIndexEmpty)
    }
}
