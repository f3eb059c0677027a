import Engine
import Foundation
import TestSupport

/// `Scripts/bench http` (issue #6): start-up time of the release binary, app creation latency,
/// and throughput with latency for `/health` and a small `/admin/query`, on loopback.
enum HTTPBench {
    /// Seconds each load run counts requests (after a one-second warm-up).
    static let loadSeconds = 5.0
    /// Connections of each load run, as in the issue's `wrk -t2 -c64`.
    static let loadConnections = 64

    static func run() throws {
        let binary = try serverBinary()
        print("HTTP benchmarks against \(binary)")
        print(
            "load average at start: \((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.prefix(14) ?? "?")"
        )
        try measureStartup(binary)
        let directory = Measure.temporaryDirectory("http")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try Launched(binary, ["--port", "0", "--json", "--data-dir", directory])
        defer { server.stop() }
        try measureAppCreation(server)
        try seedGoals(server)
        measureLoad(server)
    }

    /// The release `instant-local` built next to this executable.
    static func serverBinary() throws -> String {
        let directory = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
            .deletingLastPathComponent()
        let path = directory.appendingPathComponent("instant-local").path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw BenchFailure.missingBinary(path) }
        return path
    }

    /// Median (and slowest) time from exec to the JSON line, over 20 starts on empty data dirs.
    static func measureStartup(_ binary: String) throws {
        var samples: [Double] = []
        for _ in 0..<20 {
            let directory = Measure.temporaryDirectory("startup")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let started = ContinuousClock.now
            let server = try Launched(binary, ["--port", "0", "--json", "--data-dir", directory])
            samples.append((ContinuousClock.now - started).seconds)
            server.stop()
        }
        samples.sort()
        Measure.report(
            "exec → listening (median of 20)",
            String(format: "%.1f ms (max %.1f ms)", samples[10] * 1000, samples[19] * 1000),
            target: "< 100 ms")
    }

    /// Round trips of `POST /dash/apps/ephemeral` on one keep-alive connection.
    static func measureAppCreation(_ server: Launched) throws {
        let body = Array(#"{"title":"bench"}"#.utf8)
        let request =
            Array(
                "POST /dash/apps/ephemeral HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
                    .utf8) + body
        guard let fd = LoadGenerator.connect(port: server.port) else { throw BenchFailure.connect }
        defer { close(fd) }
        var samples: [Double] = []
        var buffer: [UInt8] = []
        var scratch = [UInt8](repeating: 0, count: 65536)
        for round in 0..<2200 {
            let started = ContinuousClock.now
            LoadGenerator.sendAll(request, on: fd)
            while true {
                if let (length, ok) = LoadGenerator.completeResponse(in: buffer) {
                    guard ok else { throw BenchFailure.unexpected(String(decoding: buffer, as: UTF8.self)) }
                    buffer.removeFirst(length)
                    break
                }
                let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { throw BenchFailure.connect }
                buffer += scratch[0..<count]
            }
            if round >= 200 { samples.append((ContinuousClock.now - started).seconds) }  // after warm-up
        }
        samples.sort()
        Measure.report(
            "create app (POST /dash/apps/ephemeral)",
            String(
                format: "median %.3f ms, p99 %.3f ms", samples[samples.count / 2] * 1000,
                samples[samples.count * 99 / 100] * 1000),
            target: "< 1 ms")
    }

    /// Ten goals in the default app, for the small query.
    static func seedGoals(_ server: Launched) throws {
        let steps = (0..<10).map { i -> JSONValue in
            ["update", "goals", .string(EntityID.random().uuidString), ["title": .string("goal \(i)")]]
        }
        let response = try HTTPTestClient(port: server.port).requestBlocking(
            "POST", "/admin/transact", headers: server.adminHeaders, json: ["steps": .array(steps)])
        guard response.status == 200 else {
            throw BenchFailure.unexpected(String(decoding: response.body, as: UTF8.self))
        }
    }

    /// Throughput and latency for `/health` and a small admin query, with the bundled
    /// generator and, when installed, `wrk`.
    static func measureLoad(_ server: Launched) {
        let health = Array("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        let queryBody = #"{"query":{"goals":{"$":{"where":{"title":"goal 3"}}}}}"#
        var queryHead = "POST /admin/query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        for (name, value) in server.adminHeaders { queryHead += "\(name): \(value)\r\n" }
        func post(_ body: String) -> [UInt8] {
            Array((queryHead + "Content-Length: \(body.utf8.count)\r\n\r\n" + body).utf8)
        }
        // The same small query with 1,000 different titles: no cache of bodies, compiled
        // queries or answers can serve these, so this is the cost of a query the server
        // has not seen lately.
        let distinct = (0..<1_000).map { post(#"{"query":{"goals":{"$":{"where":{"title":"goal \#($0)"}}}}}"#) }
        for (name, requests, target) in [
            ("/health", [health], "≥ 50,000 req/s"), ("small /admin/query", [post(queryBody)], "≥ 30,000 req/s"),
            ("varied /admin/query (1,000 bodies)", distinct, "(for scale)"),
        ] {
            let cpuBefore = server.cpuSeconds
            let result = LoadGenerator(port: server.port, requests: requests, connections: loadConnections).run(
                seconds: loadSeconds)
            let cpuPerRequest = (server.cpuSeconds - cpuBefore) / Double(max(1, result.requests)) * 1e6
            Measure.report(
                "\(name), \(loadConnections) connections",
                String(
                    format: "%@ req/s, p50 %.2f ms, p99 %.2f ms, server CPU %.0f µs/req%@",
                    Measure.count(result.requestsPerSecond),
                    result.percentile(0.5), result.percentile(0.99), cpuPerRequest,
                    result.failures > 0 ? ", \(result.failures) failures" : ""),
                target: target)
        }
        guard let wrk = Wrk.find() else {
            print("(wrk not installed; figures above are from the bundled load generator)")
            return
        }
        for (name, target) in [("/health", "≥ 50,000 req/s"), ("small /admin/query", "≥ 30,000 req/s")] {
            let isQuery = name != "/health"
            let result = wrk.run(
                url: server.url + (isQuery ? "/admin/query" : "/health"), connections: loadConnections,
                seconds: Int(loadSeconds),
                post: isQuery ? (queryBody, server.adminHeaders) : nil)
            Measure.report("\(name), wrk -t2 -c\(loadConnections)", result ?? "wrk failed", target: target)
        }
    }

    /// Why the benchmark stopped.
    enum BenchFailure: Error {
        case missingBinary(String)
        case noReadyLine(String)
        case connect
        case unexpected(String)
    }
}
