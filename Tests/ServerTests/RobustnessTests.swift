import Engine
import Foundation
import Server
import TestSupport
import Testing

/// Bad input never takes the server down (issue #6): thousands of random and mutated requests
/// against an in-process server, each answered with a JSON error or a closed connection, and
/// a normal query still correct afterwards.
///
/// The seed is printed at the start (a crash prints nothing after it); rerun a failure with
/// `FUZZ_SEED=<seed> swift test --filter RobustnessTests`.
@Suite struct RobustnessTests {
    /// How many inputs the main test sends (`FUZZ_CASES` overrides it for longer runs).
    static let caseCount = ProcessInfo.processInfo.environment["FUZZ_CASES"].flatMap { Int($0) } ?? 10_000
    /// Concurrent client connections; each works through its share of the inputs.
    static let workerCount = 8
    /// The server's request timeout in these tests: short, so stalled clients end quickly.
    static let requestTimeout = Duration.milliseconds(250)

    /// The seed from `FUZZ_SEED`, else a fresh one.
    static func seed() -> UInt64 {
        ProcessInfo.processInfo.environment["FUZZ_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 0...UInt64.max)
    }

    @Test(.timeLimit(.minutes(5)))
    func randomAndMutatedRequestsNeverBreakTheServer() async throws {
        let seed = Self.seed()
        print("RobustnessTests seed: \(seed) (rerun with FUZZ_SEED=\(seed))")
        let server = try await TestServer.start(requestTimeout: Self.requestTimeout)
        let client = HTTPTestClient(port: server.endpoint.port)
        let checked = try await KnownApp.create(on: client)
        let target = FuzzTarget(appID: server.appID.uuidString, adminToken: server.adminToken.uuidString)
        let port = server.endpoint.port

        let reports = await withTaskGroup(of: WorkerReport.self) { group in
            for worker in 0..<Self.workerCount {
                group.addTask {
                    await onThread {
                        Self.runWorker(worker, seed: seed, target: target, port: port)
                    }
                }
            }
            return await group.reduce(into: [WorkerReport]()) { $0.append($1) }
        }

        let failures = reports.flatMap(\.failures)
        let categories = reports.reduce(into: [String: Int]()) { totals, report in
            totals.merge(report.categories, uniquingKeysWith: +)
        }
        print(
            "RobustnessTests sent \(reports.map(\.sent).reduce(0, +)) inputs: \(categories.sorted { $0.key < $1.key })")
        let time = reports.reduce(into: [String: Duration]()) { $0.merge($1.time, uniquingKeysWith: +) }
        print("RobustnessTests time per kind: \(time.sorted { $0.value > $1.value })")
        if let slowest = reports.map(\.slowest).max(by: { $0.0 < $1.0 }) {
            print("RobustnessTests slowest exchange: \(slowest.0) for \(slowest.1)")
        }
        #expect(reports.map(\.sent).reduce(0, +) == Self.caseCount)
        #expect(
            failures.isEmpty,
            "seed \(seed): \(failures.count) failures, first: \(failures.prefix(5).joined(separator: "\n"))")

        try await checked.expectIntact(on: client)
        let health = try await client.request("GET", "/health")
        #expect(health.status == 200)
        await server.stop()
    }

    /// What one worker saw.
    struct WorkerReport: Sendable {
        var sent = 0
        var categories: [String: Int] = [:]
        var failures: [String] = []
        /// The slowest exchange and its input, to spot inputs the server handles slowly.
        var slowest: (Duration, String) = (.zero, "")
        var time: [String: Duration] = [:]
    }

    /// Sends this worker's share of the inputs, one connection each, and checks every answer.
    static func runWorker(_ worker: Int, seed: UInt64, target: FuzzTarget, port: Int) -> WorkerReport {
        var corpus = FuzzCorpus(target: target, random: SeededGenerator(seed: seed &+ UInt64(worker) &* 0x1_0000_0001))
        let exchange = BlockingExchange(port: port)
        var report = WorkerReport()
        for index in 0..<(caseCount / workerCount) {
            let input = corpus.makeCase()
            let started = ContinuousClock.now
            let outcome = exchange.run(input.pieces, halfClose: input.halfClose)
            let elapsed = ContinuousClock.now - started
            if elapsed > report.slowest.0 {
                report.slowest = (elapsed, "[\(input.category)] \(ResponseStream.excerpt(input.bytes))")
            }
            let problems = ResponseStream(outcome.received).problems(ending: outcome.ending)
            report.sent += 1
            report.categories[input.category, default: 0] += 1
            report.time[input.category, default: .zero] += elapsed
            if !problems.isEmpty {
                report.failures.append(
                    "worker \(worker) case \(index) [\(input.category)] \(problems.joined(separator: "; ")); sent \(ResponseStream.excerpt(input.bytes))"
                )
            }
            if case .refused = outcome.ending { break }
        }
        return report
    }

    @Test(.timeLimit(.minutes(2)))
    func stalledClientsGet408WhileOthersAreServed() async throws {
        let server = try await TestServer.start(requestTimeout: Self.requestTimeout)
        let client = HTTPTestClient(port: server.endpoint.port)
        let port = server.endpoint.port
        let body = #"{"query":{"goals":{}}}"#
        let request =
            "POST /admin/query?app_id=\(server.appID) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(server.adminToken)\r\n"
            + "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n\(body)"
        let stalls = [
            String(request.prefix(20)),  // inside the request line
            String(request.prefix(request.count - body.count - 4)),  // head without its blank line
            String(request.prefix(request.count - 5)),  // body short of five bytes
        ]
        let started = ContinuousClock.now
        async let stalled = withTaskGroup(of: BlockingExchange.Outcome.self) { group in
            for stall in stalls {
                group.addTask {
                    await onThread { BlockingExchange(port: port).run([Array(stall.utf8)], halfClose: false) }
                }
            }
            return await group.reduce(into: [BlockingExchange.Outcome]()) { $0.append($1) }
        }
        // Served while the stalled connections wait, and a drip-fed request is not a stall.
        let normal = try await client.request(
            "POST", "/admin/query",
            headers: ["app-id": server.appID.uuidString, "authorization": "Bearer \(server.adminToken)"],
            json: ["query": ["goals": [:]]])
        #expect(normal.status == 200)
        let dripped = await onThread {
            BlockingExchange(port: port).run(Array(request.utf8).map { [$0] }, halfClose: false)
        }
        #expect(ResponseStream(dripped.received).responses.first?.status == 200)

        for outcome in await stalled {
            let responses = ResponseStream(outcome.received).responses
            #expect(outcome.ending == .closed)
            #expect(responses.count == 1)
            #expect(responses.first?.status == 408)
            let json = try #require(try? JSONParser.parse(responses.first?.body ?? []))
            #expect(json["type"] == "operation-timed-out")
        }
        #expect(ContinuousClock.now - started < .seconds(30))
        await server.stop()
    }
}
