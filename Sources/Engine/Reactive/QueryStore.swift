/// The live queries of one app (server-architecture §7.1, §7.3): shared subscriptions,
/// the sessions holding them, and the reverse topic index that finds which of them a
/// commit can affect.
///
/// A value owned by its `AppDatabase` and only touched while the app's state lock is
/// held, so evaluating-and-registering and committing-and-marking are totally ordered
/// (§7.2): no change can slip between evaluating a query and filing its topics, and a
/// result can be stamped with the exact last transaction it reflects.
struct QueryStore: Sendable {
    /// One session's view of the store.
    struct Session: Sendable {
        /// How to tell the session a commit concerns it; nil for a session that
        /// subscribed without attaching (it is then only refreshed when it asks).
        var wake: SessionWake?
        /// The session's subscriptions, by the structural value of its `q` (§6.1 rule 1).
        var queries: [JSONValue: Int] = [:]
        /// The `catalogVersion` whose attrs the session last received.
        var deliveredCatalogVersion: Int
    }

    /// Subscriptions by number. Numbers are never reused, so a stale index entry can
    /// never point at a different subscription.
    var subscriptions: [Int: Subscription] = [:]
    /// The number of the subscription for each key (the sharing).
    private(set) var numbers: [SubscriptionKey: Int] = [:]
    var sessions: [EntityID: Session] = [:]
    private(set) var index = TopicIndex()
    private var nextNumber = 0
    /// Bumped by every commit that changed the attr catalogue.
    var catalogVersion = 0
    /// Query evaluations since the app was opened, for tests and benchmarks that assert a
    /// commit re-ran exactly the affected queries.
    private(set) var evaluations = 0

    /// Registers (or re-registers) a session's wake-up, marking the current catalogue
    /// as delivered: the caller sends it in `init-ok`.
    mutating func attach(_ session: EntityID, wake: @escaping SessionWake) {
        sessions[session, default: Session(deliveredCatalogVersion: catalogVersion)].wake = wake
        sessions[session]?.deliveredCatalogVersion = catalogVersion
    }

    /// Forgets a session and releases every subscription it held.
    mutating func detach(_ session: EntityID) {
        guard let entry = sessions.removeValue(forKey: session) else { return }
        for number in entry.queries.values { release(number, by: session) }
    }

    /// Adds `query` to the session's subscriptions, evaluating it only if no fresh
    /// shared result exists. A failed evaluation registers nothing (§6.1 rule 2).
    mutating func subscribe(
        session: EntityID, query: JSONValue, key: SubscriptionKey, state: AppState
    ) throws(InstantError) -> SubscribeOutcome {
        if sessions[session]?.queries[query] != nil { return .exists }
        let number: Int
        if let existing = numbers[key] {
            number = existing
            if subscriptions[number]?.isStale == true { try reevaluate(number, state: state) }
        } else {
            number = try register(key, state: state)
        }
        guard var subscription = subscriptions[number] else { return .exists }
        subscription.subscribers[session] = Subscription.Subscriber(
            echo: query, deliveredVersion: subscription.version)
        subscriptions[number] = subscription
        sessions[session, default: Session(deliveredCatalogVersion: catalogVersion)].queries[query] = number
        var attrs: [Attr]?
        if let delivered = sessions[session]?.deliveredCatalogVersion, delivered < catalogVersion {
            attrs = state.catalog.all
            sessions[session]?.deliveredCatalogVersion = catalogVersion
        }
        let encoded = subscription.result
        return .added(
            QuerySnapshot(
                result: encoded.result, resultMeta: encoded.resultMeta, processedTxID: Self.processedTxID(state),
                attrs: attrs))
    }

    /// Drops one of the session's subscriptions; false when it held none for `query`.
    mutating func unsubscribe(session: EntityID, query: JSONValue) -> Bool {
        guard let number = sessions[session]?.queries.removeValue(forKey: query) else { return false }
        release(number, by: session)
        if let entry = sessions[session], entry.wake == nil, entry.queries.isEmpty { sessions[session] = nil }
        return true
    }

    /// Re-evaluates the session's stale subscriptions and collects the results that
    /// differ from what it last received, plus the catalogue if that changed.
    ///
    /// A shared subscription re-evaluated for one session is fresh for the next, which
    /// then only picks up the new version: identical queries are evaluated once.
    mutating func refresh(session id: EntityID, state: AppState) -> RefreshOutcome {
        var outcome = RefreshOutcome(
            processedTxID: Self.processedTxID(state), computations: [], attrs: nil, failures: [])
        guard var session = sessions[id] else { return outcome }
        for (query, number) in session.queries.sorted(by: { $0.value < $1.value }) {
            if subscriptions[number]?.isStale == true {
                do {
                    try reevaluate(number, state: state)
                } catch {
                    outcome.failures.append(RefreshOutcome.Failure(query: query, error: error))
                    session.queries[query] = nil
                    release(number, by: id)
                    continue
                }
            }
            guard var subscription = subscriptions[number], var subscriber = subscription.subscribers[id] else {
                continue
            }
            guard subscriber.deliveredVersion < subscription.version else { continue }
            outcome.computations.append(
                .init(
                    query: subscriber.echo, result: subscription.result.result,
                    resultMeta: subscription.result.resultMeta, resultBytes: subscription.result.resultBytes))
            subscriber.deliveredVersion = subscription.version
            subscription.subscribers[id] = subscriber
            subscriptions[number] = subscription
        }
        if session.deliveredCatalogVersion < catalogVersion {
            outcome.attrs = state.catalog.all
            session.deliveredCatalogVersion = catalogVersion
        }
        sessions[id] = session
        return outcome
    }

    /// What the store holds, for tests, benchmarks and leak checks.
    var statistics: QueryStoreStatistics {
        QueryStoreStatistics(
            evaluations: evaluations, subscriptions: subscriptions.count,
            subscribers: subscriptions.values.reduce(0) { $0 + $1.subscribers.count }, sessions: sessions.count,
            indexPostings: index.postingCount, isIndexEmpty: index.isEmpty)
    }

    /// `processed-tx-id` (protocol-session §14): commits are marked under the same lock,
    /// so everything up to the last commit is reflected; nil before any commit.
    static func processedTxID(_ state: AppState) -> Int64? {
        state.lastTxID > 0 ? state.lastTxID : nil
    }

    /// Removes one session from a subscription's subscribers, and the subscription with
    /// its topics once nobody holds it.
    private mutating func release(_ number: Int, by session: EntityID) {
        guard var subscription = subscriptions.removeValue(forKey: number) else { return }
        subscription.subscribers[session] = nil
        guard subscription.subscribers.isEmpty else {
            subscriptions[number] = subscription
            return
        }
        numbers[subscription.key] = nil
        file(subscription.topics, of: number, inserting: false)
    }

    /// Evaluates a new key and stores it with no subscribers yet.
    private mutating func register(_ key: SubscriptionKey, state: AppState) throws(InstantError) -> Int {
        let evaluated = try evaluate(key, state: state)
        let number = nextNumber
        nextNumber += 1
        subscriptions[number] = Subscription(
            key: key, topics: evaluated.topics, result: evaluated.result, version: 1, isStale: false,
            evaluatedAtTxID: state.lastTxID, subscribers: [:])
        numbers[key] = number
        file(evaluated.topics, of: number, inserting: true)
        return number
    }

    /// Re-runs a stale subscription, bumping its version only if the result changed
    /// (§3.7), and refiles its topics if they changed.
    private mutating func reevaluate(_ number: Int, state: AppState) throws(InstantError) {
        guard var subscription = subscriptions[number] else { return }
        let evaluated = try evaluate(subscription.key, state: state)
        if evaluated.topics != subscription.topics {
            file(subscription.topics, of: number, inserting: false)
            file(evaluated.topics, of: number, inserting: true)
            subscription.topics = evaluated.topics
        }
        if evaluated.result != subscription.result {
            subscription.result = evaluated.result
            subscription.version += 1
        }
        subscription.isStale = false
        subscription.evaluatedAtTxID = state.lastTxID
        subscriptions[number] = subscription
    }

    /// Runs the query (counted) and encodes its result.
    private mutating func evaluate(
        _ key: SubscriptionKey, state: AppState
    ) throws(InstantError) -> (topics: [QueryTopic], result: EncodedResult) {
        evaluations += 1
        let result = try InstaQL.run(query: key.query, on: state, options: key.options)
        return (result.topics, key.encoding.encode(result))
    }

    /// Files or unfiles every topic of a subscription in the reverse index.
    private mutating func file(_ topics: [QueryTopic], of number: Int, inserting: Bool) {
        for (position, topic) in topics.enumerated() {
            let entry = TopicIndex.Entry(subscription: number, topic: position)
            if inserting { index.insert(topic, as: entry) } else { index.remove(topic, as: entry) }
        }
    }
}
