import Engine
import Foundation
import Server
import TestSupport
import Testing

/// Rules over real HTTP: saving, impersonated reads and writes, dry runs, the framework
/// query (permissions §4–§10, protocol-http §4.3–§4.4, §9.7, §12.3, §12.8).
@Suite struct PermissionRouteTests {
    static let u1 = "11111111-1111-4111-8111-111111111111"
    static let u2 = "22222222-2222-4222-8222-222222222222"
    static let t1 = "aaaaaaa1-0000-4000-8000-000000000001"
    static let t2 = "aaaaaaa2-0000-4000-8000-000000000002"
    static let ownerRules: JSONValue = [
        "todos": ["allow": ["view": "auth.id != null && auth.id == data.ownerId", "update": "false"]]
    ]

    /// An ephemeral app created with `rules`, holding `t1{ownerId: u1}` and `t2{ownerId: u2}`.
    struct RulesApp {
        let client: HTTPTestClient
        let id: String
        let token: String

        var admin: [String: String] { ["app-id": id, "authorization": "Bearer \(token)"] }
        var guest: [String: String] { ["app-id": id, "as-guest": "true"] }

        static func create(on client: HTTPTestClient, rules: JSONValue) async throws -> RulesApp {
            let created = try await client.request(
                "POST", "/dash/apps/ephemeral", json: ["title": "perms", "rules": ["code": rules]])
            #expect(created.status == 200, "\(String(decoding: created.body, as: UTF8.self))")
            let app = RulesApp(
                client: client, id: try #require(created.json?["app"]?["id"]?.stringValue),
                token: try #require(created.json?["app"]?["admin-token"]?.stringValue))
            let seed = try await client.request(
                "POST", "/admin/transact", headers: app.admin,
                json: [
                    "steps": [
                        ["update", "todos", .string(t1), ["ownerId": .string(u1), "title": "one"]],
                        ["update", "todos", .string(t2), ["ownerId": .string(u2), "title": "two"]],
                    ]
                ])
            #expect(seed.status == 200)
            return app
        }

        func todoIDs(_ headers: [String: String]) async throws -> [String] {
            let r = try await client.request("POST", "/admin/query", headers: headers, json: ["query": ["todos": [:]]])
            #expect(r.status == 200, "\(String(decoding: r.body, as: UTF8.self))")
            return (r.json?["todos"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }.sorted()
        }
    }

    @Test func ephemeralRulesFilterGuestsButNotAdmins() async throws {
        let s = try await TestServer.start()
        let client = HTTPTestClient(port: s.endpoint.port)
        let app = try await RulesApp.create(on: client, rules: Self.ownerRules)
        #expect(try await app.todoIDs(app.admin) == [Self.t1, Self.t2])
        #expect(try await app.todoIDs(app.guest) == [])
        let pulled = try await client.request(
            "GET", "/dash/apps/\(app.id)/perms/pull", headers: ["authorization": "Bearer \(app.token)"])
        #expect(pulled.json?["perms"] == Self.ownerRules)
        await s.stop()
    }

    @Test func deniedWritesAnswerUpstreamsErrorAndChangeNothing() async throws {
        let s = try await TestServer.start()
        let client = HTTPTestClient(port: s.endpoint.port)
        let app = try await RulesApp.create(on: client, rules: Self.ownerRules)
        let before = try await client.request(
            "POST", "/admin/query", headers: app.admin, json: ["query": ["todos": [:]]])
        let r = try await client.request(
            "POST", "/admin/transact", headers: app.guest,
            json: ["steps": [["update", "todos", .string(Self.t1), ["title": "hacked"]]]])
        #expect(r.status == 400)
        #expect(r.json?["type"] == "permission-denied")
        #expect(r.json?["message"] == "Permission denied: not perms-pass?")
        #expect(r.json?["hint"] == ["input": ["todos", "object"], "expected": "perms-pass?"])
        let after = try await client.request(
            "POST", "/admin/query", headers: app.admin, json: ["query": ["todos": [:]]])
        #expect(after.json == before.json)
        await s.stop()
    }

    @Test func invalidRulesAreRejectedWhole() async throws {
        let s = try await TestServer.start()
        let client = HTTPTestClient(port: s.endpoint.port)
        let bad: JSONValue = [
            "todos": ["allow": ["view": "data.title =="], "update": "true"], "$magicCodes": ["allow": ["view": "true"]],
            "$users": ["allow": ["delete": "true"]], "posts": ["bind": ["a"], "fields": ["id": "true"]],
        ]
        let r = try await client.request("POST", "/dash/apps/ephemeral", json: ["rules": ["code": bad]])
        #expect(r.status == 400)
        #expect(r.json?["type"] == "validation-failed")
        let message = r.json?["message"]?.stringValue ?? ""
        #expect(message.hasPrefix("Validation failed for rule: "))
        #expect(
            message.contains(
                "The $magicCodes namespace is a reserved internal namespace that does not yet support rules."))
        #expect(message.contains("bind should have an even number of elements"))
        #expect(message.contains("You cannot set field rules for `id`. Use posts -> allow -> view instead"))
        #expect(message.contains("The $users namespace doesn't support permissions for delete."))
        let ins = (r.json?["hint"]?["errors"]?.arrayValue ?? []).compactMap { $0["in"] }
        #expect(ins.contains(["todos", "allow", "view"]))
        await s.stop()
    }

    @Test func pushAndPullVersionTheDocument() async throws {
        let s = try await TestServer.start()
        let client = HTTPTestClient(port: s.endpoint.port)
        let headers = ["authorization": "Bearer \(s.adminToken.uuidString)"]
        let empty = try await client.request("GET", "/dash/apps/\(s.appID.uuidString)/perms/pull", headers: headers)
        #expect(empty.json == ["perms": nil])
        let first = try await client.request(
            "POST", "/dash/apps/\(s.appID.uuidString)/rules", headers: headers, json: ["code": Self.ownerRules])
        #expect(first.json?["rules"]?["version"] == 1)
        #expect(first.json?["rules"]?["code"] == Self.ownerRules)
        let same = try await client.request(
            "POST", "/superadmin/apps/\(s.appID.uuidString)/perms", headers: headers, json: ["code": Self.ownerRules])
        #expect(same.json?["rules"]?["version"] == 1)
        let open: JSONValue = ["todos": ["allow": ["view": "true"]]]
        let second = try await client.request(
            "POST", "/dash/apps/\(s.appID.uuidString)/rules", headers: headers, json: ["code": open])
        #expect(second.json?["rules"]?["version"] == 2)
        let pulled = try await client.request("GET", "/superadmin/apps/\(s.appID.uuidString)/perms", headers: headers)
        #expect(pulled.json == ["perms": open])
        await s.stop()
    }

    @Test func rulesSurviveARestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("perms-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let s = try await TestServer.start(dataDirectory: directory)
        let client = HTTPTestClient(port: s.endpoint.port)
        let app = try await RulesApp.create(on: client, rules: Self.ownerRules)
        await s.stop()
        let again = try await TestServer.start(dataDirectory: directory)
        let reopened = RulesApp(client: HTTPTestClient(port: again.endpoint.port), id: app.id, token: app.token)
        #expect(try await reopened.todoIDs(reopened.guest) == [])
        #expect(try await reopened.todoIDs(reopened.admin) == [Self.t1, Self.t2])
        let pulled = try await reopened.client.request(
            "GET", "/dash/apps/\(app.id)/perms/pull", headers: ["authorization": "Bearer \(app.token)"])
        #expect(pulled.json?["perms"] == Self.ownerRules)
        await again.stop()
    }

    @Test func queryPermsCheckReportsEveryCheck() async throws {
        let s = try await TestServer.start()
        let client = HTTPTestClient(port: s.endpoint.port)
        let app = try await RulesApp.create(on: client, rules: Self.ownerRules)
        let asAdmin = try await client.request(
            "POST", "/admin/query_perms_check", headers: app.admin, json: ["query": ["todos": [:]]])
        #expect(asAdmin.status == 400)
        #expect(asAdmin.json?["message"] == "Validation failed for non-admin: Cannot test perms as admin")
        var headers = app.admin
        headers["as-guest"] = "true"
        let r = try await client.request(
            "POST", "/admin/query_perms_check", headers: headers, json: ["query": ["todos": [:]]])
        #expect(r.status == 200)
        #expect(r.json?["result"] == ["todos": []])
        let checks = r.json?["check-results"]?.arrayValue ?? []
        #expect(checks.count == 2)
        #expect(checks.allSatisfy { $0["check"] == false && $0["entity"] == "todos" && $0["label"] == .null })
        #expect(checks.first?["program"]?["code"] == "auth.id != null && auth.id == data.ownerId")
        // A rules override replaces the saved rules for the check only.
        let open = try await client.request(
            "POST", "/admin/query_perms_check", headers: headers,
            json: ["query": ["todos": [:]], "rules-override": ["todos": ["allow": ["view": "true"]]]])
        #expect(open.json?["result"]?["todos"]?.arrayValue?.count == 2)
        await s.stop()
    }

    @Test func transactPermsCheckRollsBackUnlessAskedToCommit() async throws {
        let s = try await TestServer.start()
        let client = HTTPTestClient(port: s.endpoint.port)
        let app = try await RulesApp.create(
            on: client, rules: ["todos": ["allow": ["update": "data.title == 'one'", "view": "true"]]])
        var headers = app.admin
        headers["as-guest"] = "true"
        let steps: JSONValue = [["update", "todos", .string(Self.t2), ["title": "changed"]]]
        let denied = try await client.request(
            "POST", "/admin/transact_perms_check", headers: headers,
            json: ["steps": steps, "dangerously-commit-tx": true])
        #expect(denied.status == 200)
        #expect(denied.json?["all-checks-ok?"] == false)
        #expect(denied.json?["committed?"] == false)
        let check = denied.json?["check-results"]?.arrayValue?.first { $0["action"] == "update" }
        #expect(check?["check-pass?"] == false)
        #expect(check?["bindings"]?["new-data"]?["title"] == "changed")
        let allowed: JSONValue = [
            ["update", "todos", .string(Self.t1), ["title": "one"]], ["update", "todos", .string(Self.t1), ["n": 1]],
        ]
        let dry = try await client.request(
            "POST", "/admin/transact_perms_check", headers: headers, json: ["steps": allowed])
        #expect(dry.json?["all-checks-ok?"] == true)
        #expect(dry.json?["committed?"] == false)
        let before = try await client.request(
            "POST", "/admin/query", headers: app.admin, json: ["query": ["todos": [:]]])
        #expect(before.json?["todos"]?.arrayValue?.first { $0["id"] == .string(Self.t1) }?["n"] == nil)
        let commit = try await client.request(
            "POST", "/admin/transact_perms_check", headers: headers,
            json: ["steps": allowed, "dangerously-commit-tx": true])
        #expect(commit.json?["committed?"] == true)
        let after = try await client.request(
            "POST", "/admin/query", headers: app.admin, json: ["query": ["todos": [:]]])
        #expect(after.json?["todos"]?.arrayValue?.first { $0["id"] == .string(Self.t1) }?["n"] == 1)
        await s.stop()
    }

    @Test func frameworkQueryAnswersNodesAndAttrsUnderRules() async throws {
        let s = try await TestServer.start()
        let client = HTTPTestClient(port: s.endpoint.port)
        let app = try await RulesApp.create(on: client, rules: ["todos": ["allow": ["view": "data.title == 'one'"]]])
        let r = try await client.request(
            "POST", "/runtime/framework/query", headers: ["app-id": app.id, "authorization": "Bearer undefined"],
            json: ["query": ["todos": [:]]])
        #expect(r.status == 200)
        let rows = r.json?["result"]?.arrayValue?.first?["data"]?["datalog-result"]?["join-rows"]?.arrayValue ?? []
        #expect(!rows.isEmpty)
        #expect(Self.entityIDs(r.json?["result"]) == [Self.t1])
        #expect((r.json?["attrs"]?.arrayValue?.count ?? 0) > 2)
        await s.stop()
    }

    @Test func socketSessionsSeeOnlyWhatRulesAllowIncludingRefreshes() async throws {
        let s = try await TestServer.start()
        let client = HTTPTestClient(port: s.endpoint.port)
        let admin = ["app-id": s.appID.uuidString, "authorization": "Bearer \(s.adminToken.uuidString)"]
        let rules: JSONValue = ["todos": ["allow": ["view": "data.public == true"]]]
        _ = try await client.request(
            "POST", "/dash/apps/\(s.appID.uuidString)/rules", headers: ["authorization": "Bearer \(s.adminToken)"],
            json: ["code": rules])
        _ = try await client.request(
            "POST", "/admin/transact", headers: admin,
            json: [
                "steps": [
                    ["update", "todos", .string(Self.t1), ["public": true]],
                    ["update", "todos", .string(Self.t2), ["public": false]],
                ]
            ])
        let session = try await SessionClient.connect(s)
        try await session.initialize(s.appID)
        let added = try await session.addQuery(["todos": [:]])
        #expect(added["op"] == "add-query-ok")
        #expect(Self.entityIDs(added["result"]) == [Self.t1])
        // Another writer makes t2 public: the live query refreshes to include it.
        _ = try await client.request(
            "POST", "/admin/transact", headers: admin,
            json: ["steps": [["update", "todos", .string(Self.t2), ["public": true]]]])
        let refresh = try await session.receive()
        #expect(refresh["op"] == "refresh-ok")
        let computed = refresh["computations"]?.arrayValue?.first?["instaql-result"]
        #expect(Self.entityIDs(computed) == [Self.t1, Self.t2], "\(refresh)")
        await session.close()
        await s.stop()
    }

    /// A refresh token and user id for `email` (protocol-http §8.5).
    static func signUp(_ client: HTTPTestClient, _ s: TestServer, _ email: String) async throws -> (String, String) {
        let admin = ["app-id": s.appID.uuidString, "authorization": "Bearer \(s.adminToken.uuidString)"]
        let r = try await client.request(
            "POST", "/admin/refresh_tokens", headers: admin, json: ["email": .string(email)])
        let user = try #require(r.json?["user"], "\(String(decoding: r.body, as: UTF8.self))")
        return (try #require(user["id"]?.stringValue), try #require(user["refresh_token"]?.stringValue))
    }

    @Test func aSignedInSocketSeesOnlyItsRowsLiveAsAnotherUserWrites() async throws {
        let s = try await TestServer.start()
        let client = HTTPTestClient(port: s.endpoint.port)
        let rules: JSONValue = [
            "todos": [
                "allow": [
                    "view": "auth.id == data.ownerId", "create": "auth.id == data.ownerId",
                    "update": "auth.id == data.ownerId",
                ]
            ]
        ]
        _ = try await client.request(
            "POST", "/dash/apps/\(s.appID.uuidString)/rules", headers: ["authorization": "Bearer \(s.adminToken)"],
            json: ["code": rules])
        let (alice, aliceToken) = try await Self.signUp(client, s, "alice@example.com")
        let (bob, bobToken) = try await Self.signUp(client, s, "bob@example.com")
        let asAlice = ["app-id": s.appID.uuidString, "as-token": aliceToken]
        let asBob = ["app-id": s.appID.uuidString, "as-token": bobToken]
        let mine = try await client.request(
            "POST", "/admin/transact", headers: asAlice,
            json: ["steps": [["update", "todos", .string(Self.t1), ["ownerId": .string(alice)]]]])
        #expect(mine.status == 200)
        let session = try await SessionClient.connect(s)
        try await session.initialize(s.appID, extra: [("refresh-token", .string(aliceToken))])
        let added = try await session.addQuery(["todos": [:]])
        #expect(Self.entityIDs(added["result"]) == [Self.t1])
        // Bob may not write a row for alice, and his own row stays invisible to her.
        let forged = try await client.request(
            "POST", "/admin/transact", headers: asBob,
            json: ["steps": [["update", "todos", .string(Self.t2), ["ownerId": .string(alice)]]]])
        #expect(forged.json?["type"] == "permission-denied")
        let own = try await client.request(
            "POST", "/admin/transact", headers: asBob,
            json: ["steps": [["update", "todos", .string(Self.t2), ["ownerId": .string(bob)]]]])
        #expect(own.status == 200)
        // Handing his row to alice is an update bob may make: her live query picks it up.
        let handed = try await client.request(
            "POST", "/admin/transact", headers: asBob,
            json: ["steps": [["update", "todos", .string(Self.t2), ["ownerId": .string(alice)]]]])
        #expect(handed.status == 200)
        var seen: [String] = []
        while seen != [Self.t1, Self.t2] {
            let message = try await session.receive()
            #expect(message["op"] == "refresh-ok", "\(message)")
            guard message["op"] == "refresh-ok" else { break }
            seen = Self.entityIDs(message["computations"]?.arrayValue?.first?["instaql-result"])
            #expect(Set(seen).isSubset(of: [Self.t1, Self.t2]))
        }
        // Over HTTP impersonation she sees exactly the same rows.
        let r = try await client.request("POST", "/admin/query", headers: asAlice, json: ["query": ["todos": [:]]])
        let rows = r.json?["todos"]?.arrayValue ?? []
        let ids = rows.compactMap { $0["id"]?.stringValue }.sorted()
        #expect(ids == [Self.t1, Self.t2])
        await session.close()
        await s.stop()
    }

    /// Entity ids of the first node's join rows.
    static func entityIDs(_ nodes: JSONValue?) -> [String] {
        let rows = nodes?.arrayValue?.first?["data"]?["datalog-result"]?["join-rows"]?.arrayValue ?? []
        let triples = rows.flatMap { $0.arrayValue ?? [] }
        return Set(triples.compactMap { $0.arrayValue?.first?.stringValue }).sorted()
    }
}
