import Engine
import Foundation
import Server
import Testing
import TestSupport

/// The admin API over a real socket on 127.0.0.1 (protocol-http §2–§4, §12).
@Suite struct AdminRouteTests {
    func auth(_ s: TestServer) -> [String: String] {
        ["app-id": s.appID.uuidString, "authorization": "Bearer \(s.adminToken.uuidString)"]
    }

    @Test func transactThenQueryReturnsTheTree() async throws {
        let s = try await TestServer.start()
        let client = HTTPTestClient(port: s.endpoint.port)
        let goal = "8aa64e4c-64f9-472e-8a61-3fa28870e6cb"
        let tx = try await client.request(
            "POST", "/admin/transact", headers: auth(s),
            json: ["steps": [["update", "goals", .string(goal), ["title": "Get fit"]]]])
        #expect(tx.status == 200)
        #expect(tx.json?["tx-id"] == 1)
        let q = try await client.request("POST", "/admin/query", headers: auth(s), json: ["query": ["goals": [:]]])
        #expect(q.status == 200)
        #expect(q.json == ["goals": [["id": .string(goal), "title": "Get fit"]]])
        await s.stop()
    }

    @Test func wrongAdminTokenIsRecordNotFound() async throws {
        let s = try await TestServer.start()
        let client = HTTPTestClient(port: s.endpoint.port)
        let r = try await client.request(
            "POST", "/admin/query?app_id=\(s.appID)", headers: ["authorization": "Bearer \(EntityID.random())"],
            json: ["query": ["goals": [:]]])
        #expect(r.status == 400)
        #expect(r.json?["type"] == "record-not-found")
        #expect(r.json?["hint"]?["record-type"] == "app-admin-token")
        await s.stop()
    }

    @Test func missingAppIDNamesBothPlaces() async throws {
        let s = try await TestServer.start()
        let client = HTTPTestClient(port: s.endpoint.port)
        let r = try await client.request("POST", "/admin/query", json: ["query": [:]])
        #expect(r.status == 400)
        #expect(r.json?["type"] == "param-missing")
        #expect(r.json?["hint"]?["possible-ins"] == [["query-params", "app_id"]])
        await s.stop()
    }

    @Test func malformedJSONGetsAJSONError() async throws {
        let s = try await TestServer.start()
        let client = HTTPTestClient(port: s.endpoint.port)
        let body = Array("{not json".utf8)
        var raw = "POST /admin/query?app_id=\(s.appID) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(s.adminToken)\r\n"
        raw += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        let r = try #require(try await client.sendAsync(Array(raw.utf8) + body))
        #expect(r.status == 400)
        #expect(r.json?["type"] == "param-malformed")
        await s.stop()
    }

    @Test func ephemeralAppsAreIsolated() async throws {
        let s = try await TestServer.start()
        let client = HTTPTestClient(port: s.endpoint.port)
        let created = try await client.request("POST", "/dash/apps/ephemeral", json: ["title": "scratch"])
        #expect(created.status == 200)
        let app = try #require(created.json?["app"])
        #expect(app["title"] == "scratch")
        #expect(created.json?["expires_ms"]?.isNumber == true)
        let appID = try #require(app["id"]?.stringValue)
        let token = try #require(app["admin-token"]?.stringValue)
        let headers = ["app-id": appID, "authorization": "Bearer \(token)"]
        _ = try await client.request(
            "POST", "/admin/transact", headers: headers,
            json: ["steps": [["update", "notes", .string(EntityID.random().uuidString), ["t": 1]]]])
        let mine = try await client.request("POST", "/admin/query", headers: headers, json: ["query": ["notes": [:]]])
        #expect(mine.json?["notes"]?.arrayValue?.count == 1)
        let other = try await client.request("POST", "/admin/query", headers: auth(s), json: ["query": ["notes": [:]]])
        #expect(other.json == ["notes": []])
        // The default app's token does not open the ephemeral app.
        let crossed = try await client.request(
            "POST", "/admin/query", headers: ["app-id": appID, "authorization": "Bearer \(s.adminToken)"],
            json: ["query": ["notes": [:]]])
        #expect(crossed.status == 400)
        let fetched = try await client.request("GET", "/dash/apps/ephemeral/\(appID)")
        #expect(fetched.json?["app"]?["admin-token"] == nil)
        await s.stop()
    }

    @Test func superadminCRUD() async throws {
        let s = try await TestServer.start()
        let client = HTTPTestClient(port: s.endpoint.port)
        let bearer = ["authorization": "Bearer \(LocalServer.platformToken)"]
        let created = try await client.request("POST", "/superadmin/apps", headers: bearer, json: ["title": "one"])
        let id = try #require(created.json?["app"]?["id"]?.stringValue)
        #expect(created.json?["app"]?["admin-token"]?.entityID != nil)
        let renamed = try await client.request("POST", "/superadmin/apps/\(id)", headers: bearer, json: ["title": "two"])
        #expect(renamed.json?["app"]?["title"] == "two")
        let listed = try await client.request("GET", "/superadmin/apps", headers: bearer)
        #expect(listed.json?["apps"]?.arrayValue?.contains { $0["id"]?.stringValue == id } == true)
        let deleted = try await client.request("DELETE", "/superadmin/apps/\(id)", headers: bearer)
        #expect(deleted.status == 200)
        let gone = try await client.request("GET", "/superadmin/apps/\(id)", headers: bearer)
        #expect(gone.status == 400)
        #expect(gone.json?["type"] == "record-not-found")
        await s.stop()
    }

    @Test func unknownRouteIsJSON404() async throws {
        let s = try await TestServer.start()
        let r = try await HTTPTestClient(port: s.endpoint.port).request("GET", "/nope")
        #expect(r.status == 404)
        #expect(r.json?["message"] == "Oops! We couldn't match this route.")
        await s.stop()
    }

    @Test func fixturesSeedTheDefaultApp() async throws {
        let s = try await TestServer.start(fixtures: RepositoryPaths.fixture("zeneca").path)
        let client = HTTPTestClient(port: s.endpoint.port)
        let r = try await client.request("POST", "/admin/query", headers: auth(s), json: ["query": ["users": [:]]])
        let handles = r.json?["users"]?.arrayValue?.compactMap { $0["handle"]?.stringValue }
        #expect(handles == ["joe", "alex", "stopa", "nicolegf"])
        await s.stop()
    }
}
