/// One shared computation in a `QueryStore`: a query evaluated for one identity and
/// encoding, with what its last evaluation returned and who receives it.
///
/// Results are kept encoded so "did it change?" (architecture §3.7) is a comparison of
/// exactly what subscribers would be sent; `version` counts actual changes so each
/// subscriber can tell whether it has seen the current result.
struct Subscription: Sendable {
    /// One session's interest in the subscription.
    struct Subscriber: Sendable {
        /// The `q` exactly as this session sent it, echoed in its replies (protocol-session §15).
        var echo: JSONValue
        /// The `version` of the result this session last received.
        var deliveredVersion: Int
    }

    let key: SubscriptionKey
    /// What the last evaluation depends on; filed in the store's `TopicIndex`.
    var topics: [QueryTopic]
    /// The last result, encoded per `key.encoding`.
    var result: EncodedResult
    /// Bumped whenever a re-evaluation produced a different `result`.
    var version: Int
    /// Set when a committed change matched a topic; cleared by re-evaluation.
    var isStale: Bool
    /// The last transaction committed when `result` was computed.
    var evaluatedAtTxID: Int64
    /// Sessions holding this subscription (the reference count).
    var subscribers: [EntityID: Subscriber]
}
