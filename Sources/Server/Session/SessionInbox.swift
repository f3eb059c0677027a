import Synchronization
import Wire

/// One session's inputs in arrival order: client messages and commit wake-ups, consumed
/// by the session's single lane so they are handled strictly one at a time
/// (protocol-session §16).
///
/// Wake-ups coalesce: however many commits land while one is pending, the session
/// refreshes once, since a refresh reads the latest state. Messages are bounded: a client
/// that sends faster than its session can process is told so by `post` returning false.
final class SessionInbox: Sendable {
    /// One thing for the lane to handle.
    enum Input: Sendable {
        /// A frame from the client.
        case message(WebSocketMessage)
        /// A commit concerned this session (the query store's `SessionWake`).
        case wake
    }

    /// Default `maxPendingMessages`: 1,000 unprocessed client messages. The real client
    /// sends one `add-query` per subscribed query on reconnect, a few hundred at most.
    static let defaultMaxPendingMessages = 1000

    /// The inputs, for the lane to iterate.
    let inputs: AsyncStream<Input>
    /// The feeding side of `inputs`.
    private let feed: AsyncStream<Input>.Continuation
    /// Whether a `.wake` is queued and not yet taken.
    private let wakePending = Mutex(false)

    /// Builds an empty inbox holding at most `maxPendingMessages` inputs.
    init(maxPendingMessages: Int = defaultMaxPendingMessages) {
        (inputs, feed) = AsyncStream.makeStream(of: Input.self, bufferingPolicy: .bufferingOldest(maxPendingMessages))
    }

    /// Queues a client message; false when the inbox is full or finished.
    func post(_ message: WebSocketMessage) -> Bool {
        if case .enqueued = feed.yield(.message(message)) { return true }
        return false
    }

    /// Queues a refresh unless one is already pending. Called on the commit path: only
    /// enqueues.
    func wake() {
        let isFirst = wakePending.withLock { pending in
            defer { pending = true }
            return !pending
        }
        guard isFirst else { return }
        if case .enqueued = feed.yield(.wake) { return }
        wakePending.withLock { $0 = false }
    }

    /// Marks the pending wake-up as taken, before the lane refreshes, so a commit landing
    /// during the refresh queues another.
    func takeWake() {
        wakePending.withLock { $0 = false }
    }

    /// Ends `inputs` once what is queued has been handled.
    func finish() {
        feed.finish()
    }
}
