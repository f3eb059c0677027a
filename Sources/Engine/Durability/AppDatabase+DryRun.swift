/// Dry-run transactions for the permission-check endpoint (protocol-http §4.4).
extension AppDatabase {
    /// Applies the steps to a private copy of the state with every permission check
    /// recorded (`context.recordsChecks`), and returns the report: nothing is written,
    /// logged or seen by live queries. The copy costs one copy of the app's store, which
    /// is fine for a debugging endpoint.
    public func dryRun(
        context: TransactionContext, build: (AppState) throws(InstantError) -> [TxStep]
    ) throws(InstantError) -> TxReport {
        let snapshot = state.withLock { $0 }
        var copy = snapshot
        return try copy.transact(try build(snapshot), context: context, now: clock.now())
    }
}
