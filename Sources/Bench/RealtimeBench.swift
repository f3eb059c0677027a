import Engine
import Foundation
import TestSupport

/// `Scripts/bench realtime` (issue 7): live-query fan-out over real WebSockets against an
/// in-process server (so the engine's evaluation counter can be read).
///
/// 1. One app, 1,000 sessions: half subscribe to queries every transaction changes, half
///    to queries none changes. Per transaction: the time from `transact-ok` to the last
///    `refresh-ok`, and the query re-runs (which must equal the affected subscriptions).
/// 2. 100 apps × 10 sessions, every app transacting at once: the spread of that latency
///    across apps.
///
/// The clients are plain file descriptors read by one `poll` thread, off the server's pool.
enum RealtimeBench {
    /// Why a run failed.
    enum Failure: Error {
        case unexpected(String)
    }

    static func run() async throws {
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
        print(
            "realtime: \(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(load?.joined(separator: " ") ?? "?")"
        )
        try await oneApp(
            sessions: option("--sessions", default: 1000), transactions: option("--transactions", default: 100),
            distinctQueries: option("--distinct", default: 50))
        try await manyApps(
            apps: option("--apps", default: 100), sessionsPerApp: option("--per-app", default: 10),
            rounds: option("--rounds", default: 20))
    }

    /// Runs `body` on a thread of its own: the bench's clients block on sockets and must
    /// never hold the cooperative pool the in-process server runs on.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Suite 1: one app, `sessions` subscribers.
    static func oneApp(sessions: Int, transactions: Int, distinctQueries: Int) async throws {
        let server = try await TestServer.start()
        let database = try server.server.registry.database(for: server.appID)
        let port = server.endpoint.port
        let app = server.appID.uuidString.lowercased()
        let token = server.adminToken.uuidString.lowercased()
        let affectedSessions = sessions / 2
        let hotItems = option("--items", default: 20)
        let figures = try await onThread { () throws -> OneAppFigures in
            let items = try seed(port: port, app: app, token: token, hot: hotItems, cold: hotItems)
            var subscribers: [BenchWebSocket] = []
            for index in 0..<sessions {
                let bucket = index % 2 == 0 ? ("items", "hot") : ("others", "cold")
                // Distinct limits, each at least `hotItems`: distinct subscriptions with
                // the same result, every one of which a transaction changes.
                let limit = JSONValue.int(Int64(hotItems + (index / 2) % distinctQueries))
                let query: JSONValue = [bucket.0: ["$": ["where": ["bucket": .string(bucket.1)], "limit": limit]]]
                subscribers.append(try subscriber(port: port, app: app, query: query))
            }
            let (writer, valueAttr) = try writerSession(port: port, app: app)
            var latencies: [Double] = []
            var reruns: [Int] = []
            var strayRefreshes = 0
            var refreshBytes = 0
            let cpuBefore = Measure.cpuSeconds()
            var poller = BenchPoller(subscribers + [writer])
            let writerIndex = subscribers.count
            for round in 0..<transactions {
                let evaluations = database.queryStoreStatistics.evaluations
                var transactOK: ContinuousClock.Instant?
                var lastRefresh: ContinuousClock.Instant?
                var refreshed = Set<Int>()
                try writer.send(transact(item: items.hot[round % items.hot.count], attr: valueAttr, value: round + 1))
                try poller.run(
                    label: "transaction \(round)", isDone: { transactOK != nil && refreshed.count == affectedSessions }
                ) {
                    index, message, instant in
                    if index == writerIndex {
                        guard isOp(message, "transact-ok") else {
                            throw Failure.unexpected(String(decoding: message, as: UTF8.self))
                        }
                        transactOK = instant
                    } else if isOp(message, "refresh-ok") {
                        if index % 2 == 0 {
                            refreshBytes = message.count
                            refreshed.insert(index)
                            lastRefresh = instant
                        } else {
                            strayRefreshes += 1
                        }
                    }
                }
                latencies.append(max(0, (lastRefresh! - transactOK!).seconds * 1000))
                reruns.append(database.queryStoreStatistics.evaluations - evaluations)
            }
            return OneAppFigures(
                latencies: latencies, reruns: reruns, strayRefreshes: strayRefreshes, refreshBytes: refreshBytes,
                cpuPerTransaction: (Measure.cpuSeconds() - cpuBefore) / Double(transactions),
                subscriptions: database.queryStoreStatistics.subscriptions)
        }
        let affected = distinctQueries
        Measure.report(
            "1 app × \(sessions) sessions, ok → last refresh",
            "p50 \(ms(percentile(figures.latencies, 0.5)))  p99 \(ms(percentile(figures.latencies, 0.99)))",
            target: "p99 < 50 ms")
        Measure.report(
            "  per transaction",
            "\(sessions / 2) refresh-ok of \(figures.refreshBytes) bytes; "
                + "\(ms(figures.cpuPerTransaction * 1000)) CPU (server and clients)")
        let rerunSet = Set(figures.reruns).sorted()
        Measure.report(
            "  query re-runs per transaction",
            "\(rerunSet.map(String.init).joined(separator: ", ")) (affected subscriptions: \(affected), shared subscriptions: \(figures.subscriptions))",
            target: "= affected")
        Measure.report(
            "  re-runs of unaffected queries",
            "\(figures.reruns.map { $0 - affected }.max() ?? 0) per transaction at most, \(figures.strayRefreshes) refresh-ok to unaffected sessions",
            target: "0")
        await server.stop()
    }

    struct OneAppFigures: Sendable {
        var latencies: [Double]
        var reruns: [Int]
        var strayRefreshes: Int
        var refreshBytes: Int
        var cpuPerTransaction: Double
        var subscriptions: Int
    }
}
