import Engine
import TestSupport
import Testing

/// An app with known data that the fuzz never learns about: after the attack its query must
/// still return exactly what was written.
struct KnownApp {
    var headers: [String: String]
    static let goal = "8aa64e4c-64f9-472e-8a61-3fa28870e6cb"
    static let todo = "1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b"

    /// Creates an ephemeral app and writes a goal with one todo.
    static func create(on client: HTTPTestClient) async throws -> KnownApp {
        let created = try await client.request("POST", "/dash/apps/ephemeral", json: ["title": "known"])
        let app = try #require(created.json?["app"])
        let id = try #require(app["id"]?.stringValue)
        let token = try #require(app["admin-token"]?.stringValue)
        let known = KnownApp(headers: ["app-id": id, "authorization": "Bearer \(token)"])
        let tx = try await client.request(
            "POST", "/admin/transact", headers: known.headers,
            json: [
                "steps": [
                    ["update", "goals", .string(goal), ["title": "Get fit"]],
                    ["update", "todos", .string(todo), ["title": "Run"]],
                    ["link", "goals", .string(goal), ["todos": .string(todo)]],
                ]
            ])
        #expect(tx.status == 200)
        return known
    }

    /// Checks the app still answers its query with exactly the written data.
    func expectIntact(on client: HTTPTestClient) async throws {
        let query = try await client.request(
            "POST", "/admin/query", headers: headers, json: ["query": ["goals": ["todos": [:]]]])
        #expect(query.status == 200)
        #expect(
            query.json == [
                "goals": [
                    [
                        "id": .string(Self.goal), "title": "Get fit",
                        "todos": [["id": .string(Self.todo), "title": "Run"]],
                    ]
                ]
            ])
    }
}
