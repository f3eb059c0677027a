import Foundation

// Benchmarks in release; `Scripts/bench <suite>` runs them. The first argument names the suite:
//
// Usage: Bench engine [all | ingest | commits | snapshot | apps] [--triples N] [--apps N] [--seconds S] [--keep DIR]
//        Bench http      (issue #6: start-up, app creation, req/s and p99 over HTTP)
//        Bench query     (issue #5)
//        Bench perms     (issue #8: rules overhead as a ratio to admin) [--zeneca] [--profile NAME --runs N [--admin]]
//        Bench wire      (issue #6: request-head parsing, ns per request) [--case health|admin|pipelined] [--count N] [--raw] [--fresh]
//        Bench realtime  (issue 7: live-query fan-out over WebSockets) [--sessions N] [--transactions N] [--apps N]
//        Bench reload <dir> | Bench idle-apps <dir>   (child processes, started by the engine suite)
//        Bench [all | ingest | …] without `engine` still runs the engine suite.

func option(_ name: String, default value: Int) -> Int {
    let arguments = CommandLine.arguments
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return value }
    return Int(arguments[i + 1]) ?? value
}

func runBenchmarks() async throws {
    var arguments = CommandLine.arguments.dropFirst()
    switch arguments.first {
    case "http": return try HTTPBench.run()
    case "query": return try QueryBench.run()
    case "perms": return try PermsBench.run()
    case "realtime": return try await RealtimeBench.run()
    case "engine": arguments = arguments.dropFirst()
    default: break
    }
    let command = arguments.first ?? "all"
    let triples = option("--triples", default: 1_000_000)
    let keep = CommandLine.arguments.firstIndex(of: "--keep").flatMap {
        $0 + 1 < CommandLine.arguments.count ? CommandLine.arguments[$0 + 1] : nil
    }
    switch command {
    case "reload": try SnapshotBench.reload(arguments.dropFirst().first ?? "")
    case "idle-apps": try IdleAppsBench.touchAll(arguments.dropFirst().first ?? "")
    default:
        let all = command == "all" || command.hasPrefix("--")
        if all || command == "ingest" { try IngestBench.run(triples: triples) }
        if all || command == "commits" { try await DurableCommitBench.run(seconds: Double(option("--seconds", default: 3))) }
        if all || command == "snapshot" { try SnapshotBench.run(triples: triples, keep: keep) }
        if all || command == "apps" { try await IdleAppsBench.run(apps: option("--apps", default: 10_000)) }
    }
}

// The wire suite runs before the async main starts its executor: callgrind (valgrind 3.19)
// crashes inside libdispatch's main-queue handoff, and this suite is measured under it.
if CommandLine.arguments.dropFirst().first == "wire" {
    do {
        try WireBench.run()
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("Bench: \(error)\n".utf8))
        exit(1)
    }
}

do {
    try await runBenchmarks()
} catch {
    FileHandle.standardError.write(Data("Bench: \(error)\n".utf8))
    exit(1)
}
