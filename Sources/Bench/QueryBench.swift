import Engine
import Foundation
import TestSupport

/// `Scripts/bench query` (issue #5): p50/p99 per query, in process, for evaluation alone
/// (parse into typed terms, compile to Datalog, evaluate) and for evaluation plus the
/// admin-tree JSON bytes, on the zeneca fixture and on a generated app of ≥ 1M triples.
enum QueryBench {
    /// One measured query.
    struct Case {
        var name: String
        var query: JSONValue
        /// Target for evaluation plus JSON, in microseconds.
        var targetMicros: Double
    }

    static func run() throws {
        let zeneca = try loadZeneca()
        print("zeneca (\(zeneca.store.count) triples, books.title indexed and typed string)")
        measure(try zenecaCases(zeneca), on: zeneca)
        let app = QueryBenchApp(users: option("--users", default: 10_000), posts: option("--posts", default: 100_000),
            comments: option("--comments", default: 100_000))
        var state = AppState()
        let seconds = try Measure.seconds { state = try app.build() }
        print("generated app (\(Measure.count(Double(state.store.count))) triples, built in \(String(format: "%.1f", seconds)) s)")
        measure(try generatedCases(state, app), on: state)
    }

    /// Zeneca with `books.title` made indexed and typed, as the issue asks for `$like`.
    static func loadZeneca() throws -> AppState {
        var state = AppState()
        try state.load(try Fixture.load(from: RepositoryPaths.fixture("zeneca")), now: 1_700_000_000_000)
        let title = state.catalog.forward("books", "title")!
        _ = try state.transact(
            [.updateAttr(["id": JSONValue(title.id), "index?": true, "checked-data-type": "string"])], now: 1_700_000_000_001)
        return state
    }

    static func zenecaCases(_ state: AppState) throws -> [Case] {
        let firstPage = try InstaQL.run(query: ["books": ["$": ["limit": 10]]], on: state, options: QueryOptions())
        let cursor = firstPage.forms[0].pageInfo?.endCursor?.json ?? .null
        return [
            Case(name: "all users", query: ["users": [:]], targetMicros: 1000),
            Case(name: "user by unique handle", query: ["users": ["$": ["where": ["handle": "stopa"]]]], targetMicros: 50),
            Case(name: "stopa → bookshelves → books", query: ["users": ["$": ["where": ["handle": "stopa"]], "bookshelves": ["books": [:]]]], targetMicros: 1000),
            Case(name: "books where bookshelves.users.handle = stopa", query: ["books": ["$": ["where": ["bookshelves.users.handle": "stopa"]]]], targetMicros: 1000),
            Case(name: "books title $like '%The%'", query: ["books": ["$": ["where": ["title": ["$like": "%The%"]]]]], targetMicros: 1000),
            Case(name: "books serverCreatedAt, 10 after cursor", query: ["books": ["$": ["order": ["serverCreatedAt": "asc"], "limit": 10, "after": cursor]]], targetMicros: 50),
        ]
    }

    static func generatedCases(_ state: AppState, _ app: QueryBenchApp) throws -> [Case] {
        let newest: JSONValue = ["posts": ["$": ["order": ["createdAt": "desc"], "limit": 20], "comments": [:], "author": [:]]]
        let firstPage = try InstaQL.run(query: newest, on: state, options: QueryOptions())
        let cursor = firstPage.forms[0].pageInfo?.endCursor?.json ?? .null
        let ids = (0..<100).map { JSONValue(QueryBenchApp.entity(($0 * 997) % app.posts, kind: 2)) }
        return [
            Case(name: "user by handle", query: ["users": ["$": ["where": ["handle": "user-4242"]]]], targetMicros: 20),
            Case(name: "one user → posts → comments", query: ["users": ["$": ["where": ["handle": "user-42"]], "posts": ["comments": [:]]]], targetMicros: 1000),
            Case(name: "20 newest posts + comments + author", query: newest, targetMicros: 1000),
            Case(name: "same order, 20 after a cursor", query: ["posts": ["$": ["order": ["createdAt": "desc"], "first": 20, "after": cursor], "comments": [:], "author": [:]]], targetMicros: 1000),
            Case(name: "posts id $in 100 ids", query: ["posts": ["$": ["where": ["id": ["$in": .array(ids)]]]]], targetMicros: 1000),
        ]
    }

    /// Runs each case until about half a second (at least 200, at most 20,000 runs) per mode.
    static func measure(_ cases: [Case], on state: AppState) {
        print("  query".padding(toLength: 46, withPad: " ", startingAt: 0) + "eval p50 / p99        +JSON p50 / p99       target   rows")
        for c in cases {
            guard let sample = try? InstaQL.run(query: c.query, on: state, options: QueryOptions()) else {
                print("  \(c.name): query failed")
                continue
            }
            let rows = sample.forms.reduce(0) { $0 + $1.entities.count }
            let eval = timings { _ = try? InstaQL.run(query: c.query, on: state, options: QueryOptions()) }
            let json = timings {
                _ = (try? InstaQL.run(query: c.query, on: state, options: QueryOptions()))?.adminTree(inference: false).jsonBytes
            }
            let verdict = json.p99 <= c.targetMicros ? "ok" : "MISS"
            print(
                "  " + c.name.padding(toLength: 44, withPad: " ", startingAt: 0)
                    + "\(format(eval.p50)) / \(format(eval.p99))    \(format(json.p50)) / \(format(json.p99))   <\(Int(c.targetMicros)) µs \(verdict)  \(rows)")
        }
    }

    /// p50 and p99 in microseconds.
    static func timings(_ body: () -> Void) -> (p50: Double, p99: Double) {
        for _ in 0..<20 { body() }
        var samples: [Double] = []
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(500))
        while samples.count < 20_000 && (samples.count < 200 || clock.now < deadline) {
            let start = clock.now
            body()
            samples.append((clock.now - start).seconds * 1e6)
        }
        samples.sort()
        return (samples[samples.count / 2], samples[min(samples.count - 1, samples.count * 99 / 100)])
    }

    static func format(_ micros: Double) -> String {
        (micros < 1000 ? String(format: "%7.1f µs", micros) : String(format: "%7.2f ms", micros / 1000))
    }
}
