/// Live queries of this app, as the session layer and admin SSE use them
/// (protocol-session §6, server-architecture §4 and §7.2).
///
/// Every call takes the state lock and then the query store's, the same order the
/// commit path uses, so an evaluation and its topic registration can never straddle a
/// commit. Results are returned only once every transaction they reflect is durable.
///
/// Typical use by one session lane:
/// 1. `init`: `attachSession(id, wake:)` → attrs for `init-ok`.
/// 2. `add-query`: `subscribe(session:query:identity:)` → `add-query-ok` or
///    `add-query-exists`; a thrown error → `error`, nothing registered.
/// 3. `remove-query`: `unsubscribe(session:query:)` → `remove-query-ok`.
/// 4. `wake` fires after a commit that concerns the session: enqueue a (coalescing)
///    refresh in the lane, which calls `refresh(session:)` and sends `refresh-ok` when
///    `needsRefreshMessage`, and an `error` per failure.
/// 5. Disconnect: `detachSession(id)`.
extension AppDatabase {
    /// Registers a session so commits can wake it, and returns the attr catalogue the
    /// session is now considered to have (send it in `init-ok`). Attaching again
    /// replaces the wake and marks the current catalogue as delivered.
    ///
    /// `wake` runs after a durable commit whose changes may alter one of the session's
    /// results, or after any catalogue change. It runs on the commit's completion path,
    /// outside the app's locks, and must only enqueue work: never call back into this
    /// database synchronously from it.
    public func attachSession(_ session: EntityID, wake: @escaping SessionWake) -> [Attr] {
        state.withLock { s in
            queries.withLock { $0.attach(session, wake: wake) }
            return s.catalog.all
        }
    }

    /// Forgets a session and every subscription it held; subscriptions nobody else holds
    /// leave the store and its topic index.
    public func detachSession(_ session: EntityID) {
        state.withLock { _ in queries.withLock { $0.detach(session) } }
    }

    /// Subscribes a session to `query` (protocol-session §6.1).
    ///
    /// - Parameters:
    ///   - query: the `q` exactly as received; it is echoed verbatim in later
    ///     `refresh-ok` computations, while identity is structural (key order and
    ///     number spelling ignored, §15).
    ///   - identity: who evaluates it; sessions with equal query, identity and encoding
    ///     share one evaluation.
    ///   - encoding: `.joinRows` for the socket, `.tree(inference:)` for admin SSE.
    /// - Returns: `.exists` when the session already holds an equal query (no
    ///   evaluation), else the result with its `processed-tx-id`.
    /// - Throws: the query's validation error; nothing is then registered.
    public func subscribe(
        session: EntityID, query: JSONValue, identity: Identity, encoding: ResultEncoding = .joinRows
    ) async throws(InstantError) -> SubscribeOutcome {
        let key = SubscriptionKey(query: query, identity: identity, encoding: encoding)
        let outcome = try state.withLock { (s) throws(InstantError) -> SubscribeOutcome in
            try queries.withLock { (store) throws(InstantError) -> SubscribeOutcome in
                try store.subscribe(session: session, query: query, key: key, state: s)
            }
        }
        if case .added(let snapshot) = outcome, let txID = snapshot.processedTxID {
            try await waitUntilDurable(txID)
        }
        return outcome
    }

    /// Drops one subscription of a session (protocol-session §6.4); false when the
    /// session held none for `query`, which is not an error.
    @discardableResult
    public func unsubscribe(session: EntityID, query: JSONValue) -> Bool {
        state.withLock { _ in queries.withLock { $0.unsubscribe(session: session, query: query) } }
    }

    /// Brings a session's results up to date: re-runs its stale subscriptions (each
    /// shared one once, whichever session gets there first) and returns the results that
    /// differ from what the session last received, the catalogue if it changed since,
    /// and failed queries (dropped from the session). Call it from the session's lane
    /// after `wake`; calling it with nothing stale costs no evaluation.
    public func refresh(session: EntityID) async throws(InstantError) -> RefreshOutcome {
        let outcome = state.withLock { s in queries.withLock { $0.refresh(session: session, state: s) } }
        if let txID = outcome.processedTxID, outcome.needsRefreshMessage { try await waitUntilDurable(txID) }
        return outcome
    }

    /// Counters and sizes of the live-query store.
    public var queryStoreStatistics: QueryStoreStatistics {
        state.withLock { _ in queries.withLock { $0.statistics } }
    }
}
