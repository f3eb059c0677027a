import Engine
import Foundation

/// Instruction-count profiling and the O(limit) check of `Scripts/bench query`.
///
/// Why: on a shared 2-core machine wall-clock percentiles move with the load; callgrind's
/// instruction counts do not. `--profile NAME --runs N` runs one case N times inside
/// `QueryBench.profileLoop`, so `valgrind --tool=callgrind --toggle-collect='*profileLoop*'`
/// counts exactly those runs.
extension QueryBench {
    /// Runs the case whose name starts with `name` (zeneca first, then the generated app)
    /// `runs` times, evaluation plus admin-tree JSON.
    static func profile(_ name: String, runs: Int) throws {
        let zeneca = try loadZeneca()
        if let c = try zenecaCases(zeneca).first(where: { $0.name.hasPrefix(name) }) {
            return profileLoop(c, on: zeneca, runs: runs)
        }
        let app = QueryBenchApp(
            users: option("--users", default: 10_000), posts: option("--posts", default: 100_000),
            comments: option("--comments", default: 100_000))
        let state = try app.build()
        guard let c = try generatedCases(state, app).first(where: { $0.name.hasPrefix(name) }) else {
            print("no query named \(name)")
            return
        }
        profileLoop(c, on: state, runs: runs)
    }

    /// The measured loop; the name is what callgrind's `--toggle-collect` matches.
    @inline(never)
    static func profileLoop(_ c: Case, on state: AppState, runs: Int) {
        var bytes = 0
        for _ in 0..<runs {
            bytes += (try? InstaQL.run(query: c.query, on: state, options: QueryOptions()))?
                .adminTreeJSONBytes(inference: false).count ?? 0
        }
        print("\(c.name): \(runs) runs, \(bytes / max(runs, 1)) JSON bytes each")
    }

    /// Ordered pages cost O(limit), not O(entities): the two ordered cases on the generated
    /// app at a tenth of the size and at full size, side by side.
    static func measureScaling(full fullState: AppState, _ full: QueryBenchApp) throws {
        print("ordered pages, 1/10 size vs full size (same page shape; O(limit) means the ratio stays near 1)")
        let small = QueryBenchApp(users: full.users / 10, posts: full.posts / 10, comments: full.comments / 10)
        var results: [[Percentiles]] = []
        for (app, state) in [(small, try small.build()), (full, fullState)] {
            let cases = try generatedCases(state, app).filter { $0.name.contains("newest") || $0.name.contains("cursor") }
            results.append(cases.map { c in
                timings({}, { _ = (try? InstaQL.run(query: c.query, on: state, options: QueryOptions()))?.adminTreeJSONBytes(inference: false) }).1
            })
        }
        for (i, name) in ["20 newest posts + comments + author", "same order, 20 after a cursor"].enumerated() {
            let (a, b) = (results[0][i], results[1][i])
            print(
                "  " + name.padding(toLength: 44, withPad: " ", startingAt: 0)
                    + "\(format(a.p50)) at \(Measure.count(Double(small.posts))) posts, \(format(b.p50)) at \(Measure.count(Double(full.posts))) posts, ratio \(String(format: "%.2f", b.p50 / a.p50))")
        }
    }
}
