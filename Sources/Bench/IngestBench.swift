import Engine

/// In-memory ingest: about a million triples through `transact`, 1000 entities per
/// transaction, on an in-memory database.
enum IngestBench {
    static let entitiesPerTransaction = 1000

    /// Entities needed for at least `triples` triples.
    static func entityCount(forTriples triples: Int) -> Int {
        (triples + BenchSchema.triplesPerEntity - 1) / BenchSchema.triplesPerEntity
    }

    /// Commits the generated app into `database`; returns the wall and CPU seconds
    /// spent in `transact` (building the steps is not counted).
    static func ingest(into database: AppDatabase, entities: Int) throws -> (wall: Double, cpu: Double) {
        let schema = BenchSchema()
        _ = try database.transactBlocking(schema.attrSteps)
        var total = (wall: 0.0, cpu: 0.0)
        for start in stride(from: 0, to: entities, by: entitiesPerTransaction) {
            let steps = schema.entities(start..<min(entities, start + entitiesPerTransaction))
            let time = try Measure.wallAndCPU { _ = try database.transactBlocking(steps) }
            total = (total.wall + time.wall, total.cpu + time.cpu)
        }
        return total
    }

    /// "N triples/s (N triples/CPU-s)".
    static func rate(_ triples: Int, _ time: (wall: Double, cpu: Double)) -> String {
        "\(Measure.count(Double(triples) / time.wall)) triples/s (\(Measure.count(Double(triples) / time.cpu)) triples/CPU-s)"
    }

    static func run(triples: Int) throws {
        let entities = entityCount(forTriples: triples)
        let database = AppDatabase()
        let before = Measure.residentBytes()
        let time = try ingest(into: database, entities: entities)
        let stored = database.read { $0.store.count }
        let after = Measure.residentBytes()
        Measure.report(
            "in-memory ingest (\(Measure.count(Double(stored))) triples)",
            rate(stored, time), target: "≥ 1,000,000")
        Measure.report(
            "  resident growth while ingesting",
            "\(Measure.megabytes(after - before)), \((after - before) / max(stored, 1)) B/triple")
    }
}
