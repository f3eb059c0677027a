import Engine
import Foundation
import Server
import TestSupport
import Testing

/// The browser session over the SSE fallback, on real sockets (protocol-session §2.2):
/// `sse-init` first, upstream messages by POST, replies on the event stream.
@Suite(.timeLimit(.minutes(1)))
struct RuntimeSSETests {
    typealias Schema = SessionSchema

    @Test func runsTheSessionProtocolOverAnEventStream() async throws {
        let server = try await Schema.startServer()
        let http = HTTPTestClient(port: server.endpoint.port)
        let appID = server.appID.uuidString.lowercased()
        let stream = try await EventStreamTestClient.connect(
            port: server.endpoint.port, path: "/runtime/sse?app_id=\(appID)")
        #expect(stream.status == 200)
        #expect(stream.headers["content-type"]?.hasPrefix("text/event-stream") == true)

        let opening = try await stream.nextMessage()
        #expect(opening["op"] == "sse-init")
        let sessionID = try #require(opening["session-id"]?.stringValue)
        let token = try #require(opening["sse-token"]?.stringValue)
        #expect(opening["machine-id"]?.stringValue != nil)

        func post(_ messages: [JSONValue], token: String = token) async throws -> HTTPTestClient.Response {
            try await http.request(
                "POST", "/runtime/sse?app_id=\(appID)",
                json: [
                    "machine_id": opening["machine-id"] ?? .null, "session_id": .string(sessionID),
                    "sse_token": .string(token), "messages": .array(messages),
                ])
        }

        // init and add-query in one POST: processed in order, answered on the stream.
        let queryEventID = SessionClient.eventID()
        let posted = try await post([
            ["op": "init", "client-event-id": SessionClient.eventID(), "app-id": .string(appID)],
            ["op": "add-query", "client-event-id": queryEventID, "q": ["goals": [:]]],
        ])
        #expect(posted.status == 200)
        #expect(posted.json == [:])
        let initOK = try await stream.nextMessage()
        #expect(initOK["op"] == "init-ok")
        #expect(initOK["session-id"] == .string(sessionID))
        let added = try await stream.nextMessage()
        #expect(added["op"] == "add-query-ok")
        #expect(added["client-event-id"] == queryEventID)

        // A transaction by POST: transact-ok and the refresh both arrive on the stream.
        let goal = EntityID.random().uuidString.lowercased()
        let txEventID = SessionClient.eventID()
        #expect(
            try await post([
                ["op": "transact", "client-event-id": txEventID, "tx-steps": Schema.createGoal(goal, title: "By SSE")]
            ]).status == 200)
        var seen: [String: JSONValue] = [:]
        while seen.count < 2 {
            let message = try await stream.nextMessage()
            seen[message["op"]?.stringValue ?? "?"] = message
        }
        #expect(seen["transact-ok"]?["client-event-id"] == txEventID)
        let refresh = try #require(seen["refresh-ok"])
        let result = refresh["computations"]?.arrayValue?.first?["instaql-result"]
        #expect(Schema.facts(result).contains([.string(goal), .string(Schema.goalTitle), "By SSE"]))

        // A POST with the wrong token is refused (the client then reconnects).
        let forged = try await post([["op": "remove-query", "q": ["goals": [:]]]], token: EntityID.random().uuidString)
        #expect(forged.status == 400)
        #expect(forged.json?["type"] == "record-not-found")

        // Closing the stream ends the session and frees its subscriptions.
        await stream.disconnect()
        let database = try server.server.registry.database(for: server.appID)
        let deadline = ContinuousClock.now + .seconds(5)
        while database.queryStoreStatistics.sessions > 0 || server.server.sessions.sessionCount > 0,
            ContinuousClock.now < deadline
        {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(database.queryStoreStatistics.sessions == 0)
        #expect(server.server.sessions.sessionCount == 0)
        #expect(try await post([["op": "remove-query", "q": ["goals": [:]]]]).status == 400)
        await server.stop()
    }

    /// The connection may drop the event stream without reading it (draining, head or
    /// first write failed): the session must still end and free what it holds.
    @Test func anEventStreamDroppedUnreadEndsItsSession() async throws {
        let sessions = SessionScheduler()
        let router = Router(
            apps: try AppDirectory(dataDirectory: nil), storage: AppRegistry(directory: nil), platformToken: "per_x",
            sessions: sessions)
        let app = try router.apps.defaultApp(now: 0)
        var response: APIResponse? = await router.respond(
            to: APIRequest(method: "GET", path: "/runtime/sse", query: ["app_id": app.id.uuidString]))
        #expect(response?.status == 200)
        #expect(sessions.sessionCount == 1)
        response = nil
        let deadline = ContinuousClock.now + .seconds(5)
        while sessions.sessionCount > 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(sessions.sessionCount == 0)
        await sessions.shutdown()
    }

    @Test func thePreflightAllowsTheJSONPost() async throws {
        let server = try await Schema.startServer()
        let http = HTTPTestClient(port: server.endpoint.port)
        let response = try await http.request(
            "OPTIONS", "/runtime/sse?app_id=\(server.appID.uuidString)",
            headers: [
                "Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            ])
        #expect((200...204).contains(response.status))
        #expect(response.headers["access-control-allow-origin"] != nil)
        #expect(response.headers["access-control-allow-methods"]?.uppercased().contains("POST") == true)
        #expect(response.headers["access-control-allow-headers"]?.lowercased().contains("content-type") == true)
        await server.stop()
    }
}
