/// Seeding an app from a fixture through the ordinary transaction path
/// (shared/fixtures/README.md "Loading them into a local app").
///
/// Going through `transact` rather than writing the store directly means the
/// seed obeys every rule a client write obeys (uniqueness, ref values, null
/// filling, inferred types) and produces ordinary tx reports for the log.
extension AppState {
    /// Most steps in one seeding transaction. An entity's triples are never split
    /// across transactions, so a batch may exceed this by one entity's worth.
    public static let fixtureBatchSize = 1000

    /// Registers the fixture's attrs under their own ids, then inserts its triples.
    ///
    /// Recorded timestamps are kept (each entity's triples share one `t`, the one of
    /// its first triple); triples without one get `now`. Returns one report per
    /// committed transaction, attrs first. On error, batches already committed stay.
    @discardableResult
    public mutating func load(_ fixture: Fixture, now: Int64) throws(FixtureError) -> [TxReport] {
        var reports: [TxReport] = []
        for batch in fixture.batches() {
            reports.append(try commit(batch.steps, createdAt: batch.createdAt, now: now))
        }
        return reports
    }

    private mutating func commit(
        _ steps: [TxStep], createdAt: [EntityID: Int64], now: Int64
    ) throws(FixtureError) -> TxReport {
        do {
            return try transact(steps, context: TransactionContext(isAdmin: true, createdAtOverride: createdAt), now: now)
        } catch {
            throw .rejected(error)
        }
    }
}
