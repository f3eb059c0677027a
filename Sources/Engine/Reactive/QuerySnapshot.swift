/// A freshly subscribed query's answer: what `add-query-ok` carries (protocol-session §6.2).
public struct QuerySnapshot: Sendable, Equatable {
    /// The result in the subscription's encoding.
    public var result: JSONValue
    /// `result-meta` for the tree encoding (protocol-http §6.4); nil for join-rows.
    public var resultMeta: JSONValue?
    /// The last transaction the result reflects (§14): every commit up to it is in the
    /// result, and it is durable. Nil before the app's first transaction.
    public var processedTxID: Int64?
    /// The full attr catalogue, when it changed since the session last received it.
    /// The socket must send it (a `refresh-ok` with `attrs`) before `add-query-ok`: the
    /// result may hold triples of the new attrs, which the client drops while it does
    /// not know them (protocol-session §13 rule 3). Taken in the same critical section
    /// as the evaluation, so no commit can slip between the two.
    public var attrs: [Attr]?

    public init(result: JSONValue, resultMeta: JSONValue? = nil, processedTxID: Int64?, attrs: [Attr]? = nil) {
        self.result = result
        self.resultMeta = resultMeta
        self.processedTxID = processedTxID
        self.attrs = attrs
    }
}

/// The answer to a subscribe request.
public enum SubscribeOutcome: Sendable, Equatable {
    /// The session now holds the subscription (`add-query-ok`).
    case added(QuerySnapshot)
    /// The session already held a structurally equal query (`add-query-exists`, §6.1 rule 1).
    case exists
}
