import Engine
import Foundation
import Server
import TestSupport
import Testing

/// A repeated `/admin/query` body is answered from what the server kept (parsed body,
/// compiled query, the answer itself): every answer must still be the one a fresh
/// evaluation gives, across writes, rejected writes, rules, impersonation and apps.
@Suite struct AdminQueryRepeatTests {
    static let body: JSONValue = ["query": ["goals": ["$": ["where": ["title": "a"]]]]]

    func auth(_ s: TestServer) -> [String: String] {
        ["app-id": s.appID.uuidString, "authorization": "Bearer \(s.adminToken.uuidString)"]
    }

    func goals(_ client: HTTPTestClient, _ headers: [String: String]) async throws -> [JSONValue] {
        let r = try await client.request("POST", "/admin/query", headers: headers, json: Self.body)
        #expect(r.status == 200, "\(String(decoding: r.body, as: UTF8.self))")
        return try #require(r.json?["goals"]?.arrayValue)
    }

    @Test func theSameBodySeesEveryWrite() async throws {
        let s = try await TestServer.start()
        let client = HTTPTestClient(port: s.endpoint.port)
        #expect(try await goals(client, auth(s)).isEmpty)
        #expect(try await goals(client, auth(s)).isEmpty)
        let first = EntityID.random().uuidString
        let tx = try await client.request(
            "POST", "/admin/transact", headers: auth(s),
            json: ["steps": [["update", "goals", .string(first), ["title": "a"]]]])
        #expect(tx.status == 200)
        #expect(try await goals(client, auth(s)) == [["id": .string(first), "title": "a"]])
        // A rejected transaction changes nothing, and the answer stays the same.
        let rejected = try await client.request(
            "POST", "/admin/transact", headers: auth(s), json: ["steps": [["update", "goals", "not-a-uuid", [:]]]])
        #expect(rejected.status == 400)
        #expect(try await goals(client, auth(s)) == [["id": .string(first), "title": "a"]])
        let renamed = try await client.request(
            "POST", "/admin/transact", headers: auth(s),
            json: ["steps": [["update", "goals", .string(first), ["title": "b"]]]])
        #expect(renamed.status == 200)
        #expect(try await goals(client, auth(s)).isEmpty)
        await s.stop()
    }

    @Test func anImpersonatedQueryIsNotGivenTheAdminAnswer() async throws {
        let s = try await TestServer.start()
        let client = HTTPTestClient(port: s.endpoint.port)
        let rules = try await client.request(
            "POST", "/dash/apps/\(s.appID.uuidString)/rules",
            headers: ["authorization": "Bearer \(s.adminToken.uuidString)"],
            json: ["code": ["goals": ["allow": ["view": "false"]]]])
        #expect(rules.status == 200, "\(String(decoding: rules.body, as: UTF8.self))")
        let id = EntityID.random().uuidString
        _ = try await client.request(
            "POST", "/admin/transact", headers: auth(s),
            json: ["steps": [["update", "goals", .string(id), ["title": "a"]]]])
        #expect(try await goals(client, auth(s)).count == 1)
        #expect(try await goals(client, ["app-id": s.appID.uuidString, "as-guest": "true"]).isEmpty)
        #expect(try await goals(client, auth(s)).count == 1)
        await s.stop()
    }

    @Test func twoAppsSendingTheSameBodyGetTheirOwnAnswers() async throws {
        let s = try await TestServer.start()
        let client = HTTPTestClient(port: s.endpoint.port)
        let created = try await client.request("POST", "/dash/apps/ephemeral", json: ["title": "other"])
        let app = try #require(created.json?["app"])
        let other = [
            "app-id": try #require(app["id"]?.stringValue),
            "authorization": "Bearer \(try #require(app["admin-token"]?.stringValue))",
        ]
        let id = EntityID.random().uuidString
        _ = try await client.request(
            "POST", "/admin/transact", headers: auth(s),
            json: ["steps": [["update", "goals", .string(id), ["title": "a"]]]])
        #expect(try await goals(client, auth(s)).count == 1)
        #expect(try await goals(client, other).isEmpty)
        #expect(try await goals(client, auth(s)).count == 1)
        await s.stop()
    }

    /// A kept answer is served on the readiness loop (`Router+Immediate`) only after the same
    /// checks as the full route: a wrong or missing token still gets its error.
    @Test func aKeptAnswerIsStillGuardedByTheAdminToken() async throws {
        let s = try await TestServer.start()
        let client = HTTPTestClient(port: s.endpoint.port)
        #expect(try await goals(client, auth(s)).isEmpty)
        #expect(try await goals(client, auth(s)).isEmpty)
        let wrong = try await client.request(
            "POST", "/admin/query",
            headers: ["app-id": s.appID.uuidString, "authorization": "Bearer \(UUID().uuidString)"], json: Self.body)
        #expect(wrong.status == 400)
        #expect(wrong.json?["type"] == "record-not-found")
        let missing = try await client.request(
            "POST", "/admin/query", headers: ["app-id": s.appID.uuidString], json: Self.body)
        #expect(missing.status == 400)
        #expect(missing.json?["type"] == "param-missing")
        let otherApp = try await client.request(
            "POST", "/admin/query",
            headers: ["app-id": UUID().uuidString, "authorization": "Bearer \(s.adminToken.uuidString)"],
            json: Self.body)
        #expect(otherApp.status == 400)
        #expect(otherApp.json?["type"] == "record-not-found")
        #expect(try await goals(client, auth(s)).isEmpty)
        await s.stop()
    }
}
