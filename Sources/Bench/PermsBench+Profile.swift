import Engine
import Foundation

/// Instruction-count profiling of `Scripts/bench perms`.
///
/// Why: wall-clock ratios move with the load of a shared machine; callgrind's instruction
/// counts do not. `--profile NAME --runs N [--admin]` runs one zeneca case N times as the
/// signed-in user stopa (or as admin) inside `PermsBench.profileLoop`, so
/// `valgrind --tool=callgrind --toggle-collect='*profileLoop*'` counts exactly those runs.
extension PermsBench {
    /// Runs the zeneca case whose name starts with `name` `runs` times, evaluation plus
    /// admin-tree JSON, with the bench's rules installed.
    static func profile(_ name: String, runs: Int, asAdmin: Bool) throws {
        var zeneca = try QueryBench.loadZeneca()
        zeneca.installRules(RuleSet(document: try RuleSet.validate(zenecaRules)))
        guard let c = try QueryBench.zenecaCases(zeneca).first(where: { $0.name.hasPrefix(name) }) else {
            print("no zeneca query named \(name)")
            return
        }
        let stopa = try stopa(in: zeneca)
        let options = asAdmin ? QueryOptions() : QueryOptions(isAdmin: false, viewer: RuleViewer(user: stopa))
        profileLoop(c, on: zeneca, options: options, runs: runs)
    }

    /// The measured loop; the name is what callgrind's `--toggle-collect` matches.
    @inline(never)
    static func profileLoop(_ c: QueryBench.Case, on state: AppState, options: QueryOptions, runs: Int) {
        var bytes = 0
        for _ in 0..<runs {
            bytes +=
                (try? InstaQL.run(query: c.query, on: state, options: options))?
                .adminTreeJSONBytes(inference: false).count ?? 0
        }
        print(
            "\(c.name) as \(options.viewer == nil ? "admin" : "stopa"): \(runs) runs, \(bytes / max(runs, 1)) JSON bytes each"
        )
    }

    /// The zeneca user the bench signs in as.
    static func stopa(in zeneca: AppState) throws -> EntityID? {
        try InstaQL.run(query: ["users": ["$": ["where": ["handle": "stopa"]]]], on: zeneca, options: QueryOptions())
            .forms[0].entities.first?.id
    }
}
