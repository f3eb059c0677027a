import Engine
import Foundation
import Server
import TestSupport
import Testing

/// `$rateLimits` over real HTTP: a rule's bucket running out answers 429 `rate-limited`
/// (permissions §3.7, §8.4) for writes and for reads, and leaves the data as it was.
@Suite struct PermissionRateLimitRouteTests {
    typealias RulesApp = PermissionRouteTests.RulesApp

    static let rules: JSONValue = [
        "$rateLimits": [
            "guestWrites": ["limits": [["capacity": 2, "refill": ["period": "1 hour"]]]],
            "reads": ["limits": [["capacity": 3, "refill": ["period": "1 hour"]]]],
        ],
        "todos": [
            "allow": [
                "create": "rateLimit.guestWrites.limit(request.ip)", "view": "rateLimit.reads.limit(request.ip)",
            ]
        ],
    ]

    static func create(_ app: RulesApp, headers: [String: String]) async throws -> HTTPTestClient.Response {
        try await app.client.request(
            "POST", "/admin/transact", headers: headers,
            json: ["steps": [["update", "todos", .string(UUID().uuidString.lowercased()), ["title": "new"]]]])
    }

    static func expectRateLimited(_ response: HTTPTestClient.Response) {
        #expect(response.status == 429)
        #expect(response.json?["type"] == "rate-limited")
        #expect(response.json?["message"] == "Your request exceeded the rate limit.")
        #expect(response.json?["hint"]?["remaining-tokens"] == 0)
        if case .int(let seconds)? = response.json?["hint"]?["retry-after"] {
            #expect(seconds > 0 && seconds <= 3_600)
        } else {
            Issue.record("no retry-after in \(String(decoding: response.body, as: UTF8.self))")
        }
    }

    @Test func aBucketThatRunsOutAnswers429AndChangesNothing() async throws {
        let s = try await TestServer.start()
        let client = HTTPTestClient(port: s.endpoint.port)
        let app = try await RulesApp.create(on: client, rules: Self.rules)
        #expect(try await Self.create(app, headers: app.guest).status == 200)
        #expect(try await Self.create(app, headers: app.guest).status == 200)
        let before = try await client.request("POST", "/admin/query", headers: app.admin, json: ["query": ["todos": [:]]])
        Self.expectRateLimited(try await Self.create(app, headers: app.guest))
        let after = try await client.request("POST", "/admin/query", headers: app.admin, json: ["query": ["todos": [:]]])
        #expect(after.json == before.json)
        #expect(try await Self.create(app, headers: app.admin).status == 200)
        await s.stop()
    }

    @Test func aQueryIsChargedPerEntityItShows() async throws {
        let s = try await TestServer.start()
        let client = HTTPTestClient(port: s.endpoint.port)
        let app = try await RulesApp.create(on: client, rules: Self.rules)
        // Two todos: the first query takes two of the three tokens, the second runs out.
        #expect(try await app.todoIDs(app.guest).count == 2)
        Self.expectRateLimited(
            try await client.request("POST", "/admin/query", headers: app.guest, json: ["query": ["todos": [:]]]))
        #expect(try await app.todoIDs(app.admin).count == 2)
        await s.stop()
    }
}
