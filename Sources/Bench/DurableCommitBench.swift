import Engine
import Foundation

/// Durable commits per second: small transactions (one entity, three triples), each
/// acknowledged only after `fdatasync`, from 1 and from 16 concurrent writers; and
/// the same without a disk, which is the CPU cost of a commit alone.
enum DurableCommitBench {
    static func run(seconds: Double) async throws {
        for (writers, durable) in [(1, true), (16, true), (16, false)] {
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
}
