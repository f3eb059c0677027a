import Engine
import Foundation
import TestSupport

/// Suite 2 of the realtime bench: many apps transacting at once.
extension RealtimeBench {
    /// One app's sockets.
    struct BenchApp {
        var writer: BenchWebSocket
        var valueAttr: String
        var items: SeededItems
        var subscribers: [BenchWebSocket]
    }

    /// `apps` apps with `sessionsPerApp` subscribers each; in every round every app's
    /// writer transacts at once, and each app's latency is from its `transact-ok` to the
    /// last `refresh-ok` among its own subscribers.
    static func manyApps(apps appCount: Int, sessionsPerApp: Int, rounds: Int) async throws {
        let server = try await TestServer.start()
        let port = server.endpoint.port
        let perApp = try await onThread { () throws -> [[Double]] in
            var apps: [BenchApp] = []
            for index in 0..<appCount {
                let created = try HTTPTestClient(port: port).requestBlocking(
                    "POST", "/dash/apps/ephemeral", json: ["title": .string("bench \(index)")])
                guard let app = created.json?["app"]?["id"]?.stringValue,
                    let token = created.json?["app"]?["admin-token"]?.stringValue
                else { throw Failure.unexpected("app creation answered \(created.status)") }
                let items = try seed(port: port, app: app, token: token, hot: 10, cold: 0)
                let subscribers = try (0..<sessionsPerApp).map { _ in
                    try subscriber(port: port, app: app, query: ["items": ["$": ["where": ["bucket": "hot"]]]])
                }
                let (writer, attr) = try writerSession(port: port, app: app)
                apps.append(BenchApp(writer: writer, valueAttr: attr, items: items, subscribers: subscribers))
            }
            // Socket index → (app, is writer).
            var owners: [(app: Int, isWriter: Bool)] = []
            var sockets: [BenchWebSocket] = []
            for (index, app) in apps.enumerated() {
                for subscriber in app.subscribers {
                    sockets.append(subscriber)
                    owners.append((index, false))
                }
                sockets.append(app.writer)
                owners.append((index, true))
            }
            var poller = BenchPoller(sockets)
            var latencies = Array(repeating: [Double](), count: apps.count)
            for round in 0..<rounds {
                var transactOK = [ContinuousClock.Instant?](repeating: nil, count: apps.count)
                var lastRefresh = [ContinuousClock.Instant?](repeating: nil, count: apps.count)
                var refreshed = Array(repeating: 0, count: apps.count)
                var done = 0
                for app in apps {
                    try app.writer.send(
                        transact(
                            item: app.items.hot[round % app.items.hot.count], attr: app.valueAttr, value: round + 1))
                }
                try poller.run(label: "round \(round)", isDone: { done == apps.count }) { index, message, instant in
                    let (app, isWriter) = owners[index]
                    if isWriter {
                        guard isOp(message, "transact-ok") else {
                            throw Failure.unexpected(String(decoding: message, as: UTF8.self))
                        }
                        transactOK[app] = instant
                    } else if isOp(message, "refresh-ok") {
                        refreshed[app] += 1
                        lastRefresh[app] = instant
                    } else {
                        return
                    }
                    if transactOK[app] != nil && refreshed[app] == sessionsPerApp {
                        done += 1
                        latencies[app].append(max(0, (lastRefresh[app]! - transactOK[app]!).seconds * 1000))
                    }
                }
            }
            return latencies
        }
        let p50s = perApp.map { percentile($0, 0.5) }.sorted()
        let p99s = perApp.map { percentile($0, 0.99) }.sorted()
        let all = perApp.flatMap { $0 }
        Measure.report(
            "\(appCount) apps × \(sessionsPerApp) sessions, ok → last refresh",
            "p50 \(ms(percentile(all, 0.5)))  p99 \(ms(percentile(all, 0.99))) over \(all.count) transactions")
        Measure.report(
            "  per-app p50 across apps",
            "min \(ms(p50s.first ?? 0))  median \(ms(percentile(p50s, 0.5)))  max \(ms(p50s.last ?? 0))")
        Measure.report(
            "  per-app p99 across apps",
            "min \(ms(p99s.first ?? 0))  median \(ms(percentile(p99s, 0.5)))  max \(ms(p99s.last ?? 0))")
        await server.stop()
    }
}
