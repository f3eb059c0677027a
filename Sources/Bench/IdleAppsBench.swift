import Engine
import Foundation

/// Ten thousand stored apps: created durably, then a fresh process touches each one
/// (load, read, unload in waves) and reports its resident memory.
enum IdleAppsBench {
    static func run(apps: Int) async throws {
        let directory = Measure.temporaryDirectory("apps")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let registry = AppRegistry(directory: directory)
        let schema = BenchSchema()
        let seconds = try await Measure.asyncSeconds {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<16 {
                    group.addTask {
                        for n in stride(from: worker, to: apps, by: 16) {
                            let database = try registry.database(for: BenchSchema.entity(n, kind: 0xA))
                            _ = try await database.transact(schema.attrSteps + schema.entities(n..<n + 1))
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        registry.unloadIdle(olderThan: .zero)
        registry.close()
        Measure.report(
            "create \(Measure.count(Double(apps))) apps (1 tx each, durable)", String(format: "%.1f s", seconds))
        try Measure.runChild(["idle-apps", directory])
    }

    /// Child process: opens every app once, unloading in waves, then reports memory.
    static func touchAll(_ directory: String) throws {
        let base = Measure.residentBytes()
        let registry = AppRegistry(directory: directory)
        let ids = try registry.storedAppIDs()
        var peak = 0
        for (i, id) in ids.enumerated() {
            _ = try registry.database(for: id).lastTxID
            if i % 1000 == 999 {
                peak = max(peak, Measure.residentBytes())
                registry.unloadIdle(olderThan: .zero)
            }
        }
        registry.unloadIdle(olderThan: .zero)
        let idle = Measure.residentBytes()
        Measure.report(
            "\(Measure.count(Double(ids.count))) apps loaded once, now idle", "\(Measure.megabytes(idle)) resident",
            target: "< 100 MB")
        Measure.report(
            "  process baseline / peak with 1000 loaded", "\(Measure.megabytes(base)) / \(Measure.megabytes(peak))")
        var all: [AppDatabase] = []
        for id in ids { all.append(try registry.database(for: id)) }
        Measure.report(
            "  all \(Measure.count(Double(ids.count))) loaded at once",
            "\(Measure.megabytes(Measure.residentBytes())) resident, \((Measure.residentBytes() - idle) / max(ids.count, 1)) B/app"
        )
    }
}
