/// The answer to `GroupedQueue.put(_:in:)`.
public enum EnqueueResult: Sendable, Equatable {
    /// The item waits in its group and will be processed in put order.
    case queued
    /// The group already holds its maximum of waiting items; the item was dropped.
    /// For a session's lane this means the client fell too far behind (issue 7:
    /// disconnect it rather than grow memory without limit).
    case groupFull
    /// `finish()` was called; the item was dropped.
    case finished
}
