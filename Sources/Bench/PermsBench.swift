import Engine
import Foundation

/// `Scripts/bench perms` (issue #8): the cost of a typical rules document (an owner check
/// through `data.ref`, a field rule) on the zeneca query set and on a ≥ 1M-triple app, as
/// the ratio of a signed-in user's query time to the same query as admin.
///
/// Each owner check ends in a public fallback (`… || data.name != null`), so the rule
/// evaluates its `ref` on every entity yet both sides return the same rows: the ratio is
/// the rules' cost, not a smaller result. Target: under 2x on zeneca.
enum PermsBench {
    static let zenecaRules: JSONValue = [
        "users": ["allow": ["view": "true"], "fields": ["email": "auth.id == data.id"]],
        "bookshelves": ["allow": ["view": "auth.id in data.ref('users.id') || data.name != null"]],
        "books": ["allow": ["view": "auth.id != null"]],
    ]

    static let generatedRules: JSONValue = [
        "users": ["allow": ["view": "true"], "fields": ["email": "auth.id == data.id"]],
        "posts": ["allow": ["view": "auth.id in data.ref('author.id') || data.title != null"]],
        "comments": ["allow": ["view": "auth.id != null"]],
    ]

    static func run() throws {
        if let i = CommandLine.arguments.firstIndex(of: "--profile"), i + 1 < CommandLine.arguments.count {
            return try profile(
                CommandLine.arguments[i + 1], runs: option("--runs", default: 100),
                asAdmin: CommandLine.arguments.contains("--admin"))
        }
        QueryBench.printConditions()
        var zeneca = try QueryBench.loadZeneca()
        zeneca.installRules(RuleSet(document: try RuleSet.validate(zenecaRules)))
        let stopa = try stopa(in: zeneca)
        print("zeneca (\(zeneca.store.count) triples), as the user stopa")
        let zenecaRatios = measure(try QueryBench.zenecaCases(zeneca), on: zeneca, user: stopa)
        // `--zeneca` skips the generated app (quick runs, profiling).
        if CommandLine.arguments.contains("--zeneca") {
            print(String(format: "zeneca: worst ratio %.2fx, mean %.2fx", zenecaRatios.max() ?? 0, mean(zenecaRatios)))
            return
        }
        let app = QueryBenchApp(
            users: option("--users", default: 10_000), posts: option("--posts", default: 100_000),
            comments: option("--comments", default: 100_000))
        var state = try app.build()
        state.installRules(RuleSet(document: try RuleSet.validate(generatedRules)))
        print("generated app (\(Measure.count(Double(state.store.count))) triples), as user 42")
        let appRatios = measure(
            try QueryBench.generatedCases(state, app), on: state, user: QueryBenchApp.entity(42, kind: 1))
        let worst = zenecaRatios.max() ?? 0
        print(
            String(
                format: "zeneca: worst ratio %.2fx, mean %.2fx (target < 2x: %@)", worst, mean(zenecaRatios),
                worst < 2 ? "ok" : "MISS"))
        print(String(format: "generated app: worst ratio %.2fx, mean %.2fx", appRatios.max() ?? 0, mean(appRatios)))
    }

    /// Prints admin and user timings per case; returns the +JSON p50 ratios.
    static func measure(_ cases: [QueryBench.Case], on state: AppState, user: EntityID?) -> [Double] {
        let admin = QueryOptions()
        let signedIn = QueryOptions(isAdmin: false, viewer: RuleViewer(user: user))
        print(
            "  query".padding(toLength: 46, withPad: " ", startingAt: 0)
                + "admin p50     user p50      ratio   rows admin/user")
        var ratios: [Double] = []
        for c in cases {
            guard let asAdmin = try? InstaQL.run(query: c.query, on: state, options: admin),
                let asUser = try? InstaQL.run(query: c.query, on: state, options: signedIn)
            else {
                print("  \(c.name): query failed")
                continue
            }
            let rows = { (r: QueryResult) in r.forms.reduce(0) { $0 + $1.entities.count } }
            let (a, u) = QueryBench.timings(
                {
                    _ = (try? InstaQL.run(query: c.query, on: state, options: admin))?.adminTreeJSONBytes(
                        inference: false)
                },
                {
                    _ = (try? InstaQL.run(query: c.query, on: state, options: signedIn))?.adminTreeJSONBytes(
                        inference: false)
                })
            let ratio = u.p50 / max(a.p50, 0.001)
            ratios.append(ratio)
            print(
                "  " + c.name.padding(toLength: 44, withPad: " ", startingAt: 0)
                    + "\(QueryBench.format(a.p50))  \(QueryBench.format(u.p50))  \(String(format: "%5.2fx", ratio))   \(rows(asAdmin))/\(rows(asUser))"
            )
        }
        return ratios
    }

    static func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
}
