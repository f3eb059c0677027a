import Engine
import Foundation
import TestSupport

/// The `{goals: {todos: {}}}` schema and data of protocol-session §13, from
/// `Fixtures/session-example`.
enum SessionSchema {
    static let goalID = "a0000000-0000-4000-8000-000000000001"
    static let goalTitle = "a0000000-0000-4000-8000-000000000002"
    static let todoID = "a0000000-0000-4000-8000-000000000003"
    static let todoTitle = "a0000000-0000-4000-8000-000000000004"
    static let goalTodos = "a0000000-0000-4000-8000-000000000005"
    static let g1 = "11111111-1111-4111-8111-111111111111"
    static let g2 = "22222222-2222-4222-8222-222222222222"

    /// The fixture folder.
    static var fixture: URL { RepositoryPaths.fixture("session-example") }

    /// A server seeded with the §13 data.
    static func startServer() async throws -> TestServer {
        try await TestServer.start(fixtures: fixture.path)
    }

    /// The verbatim frames of §13.
    static func exchange() throws -> JSONValue {
        try JSONParser.parse(Array(try Data(contentsOf: fixture.appendingPathComponent("exchange.json"))))
    }

    /// Steps creating a goal with `title`, as the client's `update` expands (§7.2).
    static func createGoal(_ id: String, title: String) -> JSONValue {
        [
            ["add-triple", .string(id), .string(goalID), .string(id)],
            ["add-triple", .string(id), .string(goalTitle), .string(title)],
        ]
    }

    /// The triples of a socket result (protocol-session §4.3), walked like the client does.
    static func triples(_ result: JSONValue?) -> [JSONValue] {
        var out: [JSONValue] = []
        func visit(_ node: JSONValue) {
            for row in node["data"]?["datalog-result"]?["join-rows"]?.arrayValue ?? [] {
                out += row.arrayValue ?? []
            }
            for child in node["child-nodes"]?.arrayValue ?? [] { visit(child) }
        }
        for node in result?.arrayValue ?? [] { visit(node) }
        return out
    }

    /// `[e, a, v]` of each triple, as a set: what the client's store holds.
    static func facts(_ result: JSONValue?) -> Set<JSONValue> {
        Set(triples(result).map { .array(Array(($0.arrayValue ?? []).prefix(3))) })
    }
}
