/// What a session is told after a commit that may concern it became durable.
///
/// It carries no results: the session answers it by calling
/// `AppDatabase.refresh(session:)` in its own lane, so refreshes stay ordered with that
/// session's `add-query` / `remove-query` (protocol-session §16) and a burst of commits
/// coalesces into one refresh.
public struct CommitNotice: Sendable, Equatable {
    /// The transaction whose commit made a subscription of the session stale.
    public var txID: Int64
    /// Whether the attr catalogue changed: then every session of the app is told, and
    /// its next refresh carries the catalogue (protocol-session §6.5).
    public var attrsChanged: Bool

    public init(txID: Int64, attrsChanged: Bool) {
        self.txID = txID
        self.attrsChanged = attrsChanged
    }
}

/// Called (outside every lock, after the commit is durable) for each session a commit
/// concerns. It must return quickly: enqueue a refresh, do not evaluate here.
public typealias SessionWake = @Sendable (CommitNotice) -> Void
