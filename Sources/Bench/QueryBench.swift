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
        if let i = CommandLine.arguments.firstIndex(of: "--profile"), i + 1 < CommandLine.arguments.count {
            return try profile(CommandLine.arguments[i + 1], runs: option("--runs", default: 100))
        }
        printConditions()
        let zeneca = try loadZeneca()
        print("zeneca (\(zeneca.store.count) triples, books.title indexed and typed string)")
        measure(try zenecaCases(zeneca), on: zeneca)
        let app = QueryBenchApp(users: option("--users", default: 10_000), posts: option("--posts", default: 100_000),
            comments: option("--comments", default: 100_000))
        var state = AppState()
        let seconds = try Measure.seconds { state = try app.build() }
        print("generated app (\(Measure.count(Double(state.store.count))) triples, built in \(String(format: "%.1f", seconds)) s)")
        measure(try generatedCases(state, app), on: state)
        try measureScaling(full: state, app)
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
            Case(name: "books serverCreatedAt, 10 after cursor", query: ["books": ["$": ["order": ["serverCreatedAt": "asc"], "limit": 10, "after": cursor]]], targetMicros: 1000),
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

    /// Load average and the cost of one small allocation, so figures from a shared machine
    /// can be judged: query time is mostly allocation, and an idle desktop allocates in ~20 ns.
    static func printConditions() {
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
            .joined(separator: " ") ?? "?"
        var arrays: [[Int]] = []
        arrays.reserveCapacity(200_000)
        let seconds = Measure.seconds { for i in 0..<200_000 { arrays.append([i]) } }
        print(String(format: "machine: load average %@, one small allocation %.0f ns", load, seconds / 200_000 * 1e9))
    }

    /// Wall-clock time per run, in process: evaluation alone (parse into typed terms, compile,
    /// evaluate) and evaluation plus the admin tree's JSON bytes.
    static func measure(_ cases: [Case], on state: AppState) {
        print("  query".padding(toLength: 46, withPad: " ", startingAt: 0) + "eval p50 / p99        +JSON p50 / p99       target (+JSON p50)   rows")
        for c in cases {
            guard let sample = try? InstaQL.run(query: c.query, on: state, options: QueryOptions()) else {
                print("  \(c.name): query failed")
                continue
            }
            let rows = sample.forms.reduce(0) { $0 + $1.entities.count }
            let (eval, json) = timings(
                { _ = try? InstaQL.run(query: c.query, on: state, options: QueryOptions()) },
                { _ = (try? InstaQL.run(query: c.query, on: state, options: QueryOptions()))?.adminTreeJSONBytes(inference: false) })
            let verdict = json.p50 <= c.targetMicros ? "ok  " : "MISS"
            print(
                "  " + c.name.padding(toLength: 44, withPad: " ", startingAt: 0)
                    + "\(format(eval.p50)) / \(format(eval.p99))    \(format(json.p50)) / \(format(json.p99))   < \(Int(c.targetMicros)) µs \(verdict)   \(rows)")
        }
    }

    /// p50 and p99 in microseconds of two bodies, run alternately so both see the same
    /// machine conditions, for about a second (at least 200, at most 20,000 runs each).
    static func timings(_ first: () -> Void, _ second: () -> Void) -> (Percentiles, Percentiles) {
        for _ in 0..<20 {
            first()
            second()
        }
        var a: [Double] = []
        var b: [Double] = []
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(1))
        while a.count < 20_000 && (a.count < 200 || clock.now < deadline) {
            var start = clock.now
            first()
            a.append((clock.now - start).seconds * 1e6)
            start = clock.now
            second()
            b.append((clock.now - start).seconds * 1e6)
        }
        return (Percentiles(a), Percentiles(b))
    }

    /// p50 and p99 of samples in microseconds.
    struct Percentiles {
        var p50: Double
        var p99: Double

        init(_ samples: [Double]) {
            let sorted = samples.sorted()
            p50 = sorted[sorted.count / 2]
            p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
        }
    }

    static func format(_ micros: Double) -> String {
        (micros < 1000 ? String(format: "%7.1f µs", micros) : String(format: "%7.2f ms", micros / 1000))
    }
}
