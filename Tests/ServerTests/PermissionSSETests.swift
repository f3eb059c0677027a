import Engine
import Testing
import Wire

@testable import Server

/// Admin SSE live queries under rules (permissions §5.5): an impersonated subscription
/// gets only what the rules let it see, first and on every refresh.
struct PermissionSSETests {
    func commit(_ database: AppDatabase, _ steps: JSONValue) async throws {
        _ = try await database.transact { (state) throws(InstantError) in
            try AdminSteps.expand(steps, catalog: state.catalog, throwOnMissingAttrs: false)
        }
    }

    func message(_ bytes: [UInt8]?) throws -> JSONValue {
        let text = String(decoding: try #require(bytes), as: UTF8.self)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("data:") })
        return try JSONParser.parse(Array(line.dropFirst(5).utf8))
    }

    @Test func guestSubscriptionsFollowTheViewRule() async throws {
        let database = AppDatabase()
        try database.setRules(["todos": ["allow": ["view": "data.public == true"]]])
        let open = EntityID.random()
        let closed = EntityID.random()
        try await commit(
            database,
            [
                ["update", "todos", JSONValue(open), ["public": true]],
                ["update", "todos", JSONValue(closed), ["public": false]],
            ])
        let live = AdminLiveQuery(
            database: database, query: ["todos": [:]], identity: .anonymous, inference: false,
            keepAliveInterval: .milliseconds(20))
        _ = try #require(await live.nextEvent())
        let added = try message(await live.nextEvent())
        #expect(added["result"] == ["todos": [["id": JSONValue(open), "public": true]]])
        try await commit(database, [["update", "todos", JSONValue(closed), ["public": true]]])
        var next = try #require(await live.nextEvent())
        while next == ServerSentEvent.keepAlive { next = try #require(await live.nextEvent()) }
        let refresh = try message(next)
        #expect(refresh["op"] == "refresh-ok")
        let rows = refresh["computations"]?.arrayValue?.first?["instaql-result"]?["todos"]?.arrayValue ?? []
        #expect(Set(rows.compactMap { $0["id"]?.stringValue }) == [open.uuidString, closed.uuidString])
    }
}
