import Engine
import Foundation

/// Durable commits per second: small transactions (one entity, three triples), each
/// acknowledged only after `fdatasync`, from 1 and from 16 concurrent writers; and
/// the same without a disk, which is the CPU cost of a commit alone.
enum DurableCommitBench {
    static func run(seconds: Double) async throws {
        let latency = try syncLatency()
        Measure.report(
            "fsync latency of an append, p50 / p90",
            String(format: "%.2f ms / %.2f ms", latency.p50 * 1000, latency.p90 * 1000))
        for (writers, durable) in [(1, true), (16, true), (64, true), (16, false)] {
            let directory = Measure.temporaryDirectory("commits")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let database = durable ? try AppDatabase(directory: directory) : AppDatabase()
            let schema = BenchSchema()
            _ = try await database.transact(schema.attrSteps)
            let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
            let start = ContinuousClock.now
            let commits = try await withThrowingTaskGroup(of: Int.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        var n = 0
                        while ContinuousClock.now < deadline {
                            let e = BenchSchema.entity(writer * 10_000_000 + n)
                            _ = try await database.transact([
                                .addTriple(.id(e), attr: schema.id.id, value: JSONValue(e), mode: nil),
                                .addTriple(.id(e), attr: schema.title.id, value: "durable", mode: nil),
                                .addTriple(.id(e), attr: schema.number.id, value: .int(Int64(n)), mode: nil),
                            ])
                            n += 1
                        }
                        return n
                    }
                }
                return try await group.reduce(0, +)
            }
            let elapsed = (ContinuousClock.now - start).seconds
            database.close()
            Measure.report(
                "\(durable ? "durable" : "in-memory") commits, \(writers) writer\(writers == 1 ? "" : "s")",
                "\(Measure.count(Double(commits) / elapsed)) commits/s",
                target: writers == 16 && durable ? "≥ 10,000" : "")
        }
    }

    /// How long syncing a small append takes here: group commit can at best complete
    /// `writers` commits per sync, so this bounds the figures above.
    static func syncLatency() throws -> (p50: Double, p90: Double) {
        let directory = Measure.temporaryDirectory("fsync")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/probe"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { return (0, 0) }
        defer { try? handle.close() }
        var samples: [Double] = []
        for _ in 0..<200 {
            try handle.write(contentsOf: Data(repeating: 1, count: 100))
            samples.append(try Measure.seconds { try handle.synchronize() })
        }
        samples.sort()
        return (samples[100], samples[180])
    }
}
