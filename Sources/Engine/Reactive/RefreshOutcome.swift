/// What one session should be sent after commits: the body of a `refresh-ok`
/// (protocol-session §6.5), or failures to report as `error`s.
public struct RefreshOutcome: Sendable, Equatable {
    /// One changed result.
    public struct Computation: Sendable, Equatable {
        /// The query exactly as the session sent it (`instaql-query`, §15).
        public var query: JSONValue
        /// The complete new result (`instaql-result`).
        public var result: JSONValue
        /// `result-meta` for the tree encoding (protocol-http §6.4); nil for join-rows.
        public var resultMeta: JSONValue?
        /// `result` serialised, shared by every subscriber of the subscription.
        public var resultBytes: [UInt8]

        public init(query: JSONValue, result: JSONValue, resultMeta: JSONValue? = nil, resultBytes: [UInt8]? = nil) {
            self.query = query
            self.result = result
            self.resultMeta = resultMeta
            self.resultBytes = resultBytes ?? result.jsonBytes
        }
    }

    /// A subscription whose re-evaluation failed (for example its attr was deleted).
    /// The session no longer holds it, so a later `add-query` starts afresh (§6.1 rule 2).
    public struct Failure: Sendable, Equatable {
        /// The query exactly as the session sent it.
        public var query: JSONValue
        public var error: InstantError

        public init(query: JSONValue, error: InstantError) {
            self.query = query
            self.error = error
        }
    }

    /// Applies to every computation (§14): each reflects every commit up to it, and it is
    /// durable. Nil before the app's first transaction.
    public var processedTxID: Int64?
    /// Only results that differ from what this session last received.
    public var computations: [Computation]
    /// The full attr catalogue, when it changed since this session last received it.
    public var attrs: [Attr]?
    public var failures: [Failure]

    public init(processedTxID: Int64?, computations: [Computation], attrs: [Attr]?, failures: [Failure]) {
        self.processedTxID = processedTxID
        self.computations = computations
        self.attrs = attrs
        self.failures = failures
    }

    /// Whether a `refresh-ok` is due: upstream sends nothing when no result and no attr
    /// changed (architecture §3.7).
    public var needsRefreshMessage: Bool { !computations.isEmpty || attrs != nil }
}
