/// One item of a session's group in the session queue.
struct SessionWork: Sendable {
    /// What to do.
    enum Kind: Sendable {
        /// Handle a client message or a commit wake-up.
        case input(SessionInbox.Input)
        /// The transport closed: leave the query store. Queued last, past the bound, so
        /// nothing the session still had queued can subscribe again after it.
        case detach
    }

    /// See `Kind`.
    var kind: Kind
    /// The scheduler's turn count when the item was queued: how many items of any
    /// session were taken before this one is the measure of fairness (§5.1 rule 7).
    var queuedAtTurn: Int
    /// Items waiting in the whole queue when this one was queued.
    var backlogAtQueueing: Int
}
