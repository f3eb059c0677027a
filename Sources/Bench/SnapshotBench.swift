import Engine
import Foundation

/// Snapshot write and reload of a million-triple app, and resident memory per triple
/// measured in a fresh child process right after the reload.
enum SnapshotBench {
    /// Runs the benchmark in a temp directory, or in `keep` (left in place for profiling
    /// `Bench reload <dir>`).
    static func run(triples: Int, keep: String?) throws {
        let directory = keep ?? Measure.temporaryDirectory("snapshot")
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let database = try AppDatabase(
            directory: directory, options: DurabilityOptions(snapshotThresholdBytes: Int.max))
        let ingest = try IngestBench.ingest(into: database, entities: IngestBench.entityCount(forTriples: triples))
        let stored = database.read { $0.store.count }
        Measure.report("durable ingest (1000-entity txs)", IngestBench.rate(stored, ingest))
        let write = try Measure.seconds { try database.writeSnapshot() }
        database.close()
        let size = (try? FileManager.default.attributesOfItem(atPath: directory + "/" + snapshotName(directory)))?[
            .size]
        Measure.report(
            "snapshot write (\(Measure.count(Double(stored))) triples)",
            String(format: "%.2f s, %@", write, Measure.megabytes((size as? Int) ?? 0)))
        try Measure.runChild(["reload", directory])
    }

    /// The snapshot file in `directory`.
    static func snapshotName(_ directory: String) -> String {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).first { $0.hasSuffix(".isnap") } ?? ""
    }

    /// Child process: reloads `directory` and reports time and memory.
    static func reload(_ directory: String) throws {
        let before = Measure.residentBytes()
        var database: AppDatabase?
        let time = try Measure.wallAndCPU { database = try AppDatabase(directory: directory) }
        let after = Measure.residentBytes()
        let stored = database?.read { $0.store.count } ?? 0
        Measure.report(
            "reload from snapshot",
            String(
                format: "%.2f s, %@ triples/s (CPU %.2f s, %@ triples/CPU-s)", time.wall,
                Measure.count(Double(stored) / time.wall), time.cpu, Measure.count(Double(stored) / time.cpu)),
            target: "≥ 1,000,000 triples/s")
        Measure.report(
            "resident memory after reload",
            "\(Measure.megabytes(after - before)), \((after - before) / max(stored, 1)) B/triple",
            target: "≤ 200 B/triple")
    }
}
