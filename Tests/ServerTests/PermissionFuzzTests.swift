import Engine
import Server
import TestSupport
import Testing

/// Random rules documents pushed to a running server, then random reads and writes under
/// them: every answer is a 200 or upstream's 400 envelope, a rejected write changes
/// nothing, and the server keeps answering (issue #8 hardening, over real HTTP).
@Suite struct PermissionFuzzTests {
    static let fragments = [
        "true", "false", "auth.id != null", "data.n > 2", "data.tag.startsWith('a')", "data.meta.color == 'x'",
        "newData.n == 1", "linkedData.id == auth.id", "1 / 0 == 1", "data.ref('owner.id') == []",
        "auth.ref('$user.role.type') == []", "auth.ref('nope')", "rateLimit.missing.limit(auth.id)",
        "request.modifiedFields == 1", "size(data) > 0", "data.n +", "(((", "'unterminated",
        "cel.bind(x, 1, x + 1) == 2",
        "ruleParams.k == 'v'", "timestamp(data.when) < request.time", "data.tags.exists(t, t == 'a')", "null",
    ]

    static func rule(_ g: inout SeededGenerator) -> JSONValue {
        switch Int.random(in: 0..<6, using: &g) {
        case 0: return .bool(Bool.random(using: &g))
        case 1: return .int(7)
        case 2:
            let a = fragments.randomElement(using: &g)!
            let b = fragments.randomElement(using: &g)!
            return .string("\(a) \(["&&", "||", "==", "?"].randomElement(using: &g)!) \(b)")
        default: return .string(fragments.randomElement(using: &g)!)
        }
    }

    static func document(_ g: inout SeededGenerator) -> JSONValue {
        var document = JSONObject()
        for _ in 0..<Int.random(in: 1...3, using: &g) {
            let etype = ["items", "$default", "$users", "attrs", "$streams", "$oauthClients", "$rateLimits"]
                .randomElement(using: &g)!
            var allow = JSONObject()
            for action in ["view", "create", "update", "delete", "$default", "link"] where Bool.random(using: &g) {
                allow[action] = action == "link" ? ["owner": rule(&g)] : rule(&g)
            }
            var namespace: JSONObject = ["allow": .object(allow)]
            if Int.random(in: 0..<4, using: &g) == 0 { namespace["bind"] = ["x", rule(&g)] }
            if Int.random(in: 0..<4, using: &g) == 0 {
                namespace["fields"] = [["n", "id"].randomElement(using: &g)!: rule(&g)]
            }
            document[etype] = .object(namespace)
        }
        return .object(document)
    }

    @Test func randomRulesNeverTakeTheServerDown() async throws {
        let s = try await TestServer.start()
        let client = HTTPTestClient(port: s.endpoint.port)
        let admin = ["app-id": s.appID.uuidString, "authorization": "Bearer \(s.adminToken.uuidString)"]
        let guest = ["app-id": s.appID.uuidString, "as-guest": "true"]
        let item = EntityID.random().uuidString
        _ = try await client.request(
            "POST", "/admin/transact", headers: admin,
            json: ["steps": [["update", "items", .string(item), ["n": 3, "tag": "ab", "meta": nil]]]])
        var g = SeededGenerator(seed: 0x9E12)
        var saved = 0
        for round in 0..<80 {
            let push = try await client.request(
                "POST", "/dash/apps/\(s.appID.uuidString)/rules", headers: ["authorization": "Bearer \(s.adminToken)"],
                json: ["code": Self.document(&g)])
            #expect(push.status == 200 || push.json?["type"] == "validation-failed", "round \(round)")
            if push.status == 200 { saved += 1 }
            let before = try await client.request(
                "POST", "/admin/query", headers: admin, json: ["query": ["items": [:]]])
            let read = try await client.request(
                "POST", "/admin/query", headers: guest, json: ["query": ["items": [:], "$$ruleParams": ["k": "v"]]])
            #expect(read.status == 200 || read.status == 400, "round \(round)")
            if read.status == 400 { #expect(read.json?["type"]?.stringValue != nil) }
            let write = try await client.request(
                "POST", "/admin/transact", headers: guest,
                json: [
                    "steps": [
                        ["update", "items", .string(item), ["n": .int(Int64(round))]],
                        ["delete", "items", .string(EntityID.random().uuidString), [:]],
                    ]
                ])
            #expect(write.status == 200 || write.status == 400, "round \(round)")
            if write.status != 200 {
                let after = try await client.request(
                    "POST", "/admin/query", headers: admin, json: ["query": ["items": [:]]])
                #expect(after.json == before.json, "round \(round): a rejected write changed data")
            } else {
                _ = try await client.request(
                    "POST", "/admin/transact", headers: admin,
                    json: ["steps": [["update", "items", .string(item), ["n": 3]]]])
            }
        }
        #expect(saved > 5)
        let health = try await client.request("GET", "/health")
        #expect(health.status == 200)
        await s.stop()
    }
}
