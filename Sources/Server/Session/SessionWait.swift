/// How long one item of a session waited in the session queue, counted in turns (items
/// of any session taken meanwhile) rather than time, so fairness can be asserted
/// without timing (issue 7 item 4).
public struct SessionWait: Sendable, Equatable {
    /// Items of all sessions taken between queueing this one and taking it.
    public var turns: Int
    /// Items waiting in the whole queue when this one was queued.
    public var backlog: Int
}
