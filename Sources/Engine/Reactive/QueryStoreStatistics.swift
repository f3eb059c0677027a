/// Counters of one app's `QueryStore`.
///
/// Tests and `Scripts/bench realtime` read `evaluations` to assert that a commit re-ran
/// exactly the queries it can affect (issue 7), and the sizes to assert that sessions
/// leave nothing behind.
public struct QueryStoreStatistics: Sendable, Equatable {
    /// Query evaluations since the app was opened (subscribes and refreshes alike).
    public var evaluations: Int
    /// Shared subscriptions held by at least one session.
    public var subscriptions: Int
    /// (session, subscription) pairs: the reference counts summed.
    public var subscribers: Int
    /// Sessions known to the store (attached or holding a subscription).
    public var sessions: Int
    /// Entries in the reverse topic index.
    public var indexPostings: Int
    /// Whether the reverse topic index is empty.
    public var isIndexEmpty: Bool
}
