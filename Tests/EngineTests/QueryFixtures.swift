import Foundation
import Testing

@testable import Engine

/// Loads the shared fixtures once per test process.
enum QueryFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let zeneca: AppState = load("zeneca")
    static let movies: AppState = load("movies")
    /// Zeneca with `books.title` indexed and typed `string`, so `$like` and title order work.
    static let zenecaIndexedTitle: AppState = {
        var state = zeneca
        let title = state.catalog.forward("books", "title")!
        _ = try! state.transact(
            [.updateAttr(["id": JSONValue(title.id), "index?": true, "checked-data-type": "string"])], now: 1_700_000_000_001)
        return state
    }()

    static func load(_ name: String) -> AppState {
        var state = AppState()
        do {
            let fixture = try Fixture.load(from: root.appendingPathComponent(name))
            _ = try state.load(fixture, now: 1_700_000_000_000)
        } catch {
            fatalError("fixture \(name): \(error)")
        }
        return state
    }

    static func run(_ query: JSONValue, on state: AppState = zeneca, admin: Bool = true) throws -> QueryResult {
        try InstaQL.run(query: query, on: state, options: QueryOptions(isAdmin: admin))
    }

    /// Values of one label across the top-level objects of the admin tree.
    static func column(_ tree: JSONValue, _ key: String, _ label: String) -> [JSONValue] {
        (tree[key]?.arrayValue ?? []).map { $0[label] ?? .null }
    }

    static func parse(_ text: String) -> JSONValue {
        try! JSONParser.parse(text)
    }
}

extension JSONValue {
    /// Array element access for assertions.
    func at(_ index: Int) -> JSONValue? {
        guard let a = arrayValue, index < a.count else { return nil }
        return a[index]
    }
}
