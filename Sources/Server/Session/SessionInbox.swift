import Engine
import Synchronization
import Wire

/// The entrance to one session's group in the session queue: client messages and commit
/// wake-ups go in here and are handled strictly one at a time, in arrival order
/// (protocol-session §16).
///
/// Wake-ups coalesce: however many commits land while one is pending, the session
/// refreshes once, since a refresh reads the latest state (server-architecture §5.2,
/// refresh + refresh). Messages are bounded by the queue's per-session limit.
final class SessionInbox: Sendable {
    /// One thing for the lane to handle.
    enum Input: Sendable {
        /// A frame from the client.
        case message(WebSocketMessage)
        /// A commit concerned this session (the query store's `SessionWake`).
        case wake
    }

    /// The session's group.
    let key: SessionQueueKey
    /// The token `sse-init` gave an SSE session, which its upstream POSTs must carry
    /// (protocol-session §2.2); nil for a WebSocket session.
    let sseToken: EntityID?
    /// The queue.
    private let scheduler: SessionScheduler
    /// Whether a `.wake` is queued and not yet taken.
    private let wakePending = Mutex(false)

    init(key: SessionQueueKey, sseToken: EntityID? = nil, scheduler: SessionScheduler) {
        self.key = key
        self.sseToken = sseToken
        self.scheduler = scheduler
    }

    /// Queues a client message: `groupFull` means the client sends faster than its
    /// session is served, `finished` that the server is stopping.
    func post(_ message: WebSocketMessage) -> EnqueueResult {
        scheduler.put(.input(.message(message)), for: key)
    }

    /// Queues a refresh unless one is already pending. Called on the commit path: only
    /// enqueues. Wake-ups bypass the per-session limit: coalescing keeps at most one
    /// queued, and one refused at a full group would leave the session stale until the
    /// next commit.
    func wake() {
        let isFirst = wakePending.withLock { pending in
            defer { pending = true }
            return !pending
        }
        guard isFirst else { return }
        if scheduler.put(.input(.wake), for: key, ignoringLimit: true) == .queued { return }
        wakePending.withLock { $0 = false }
    }

    /// Marks the pending wake-up as taken, before the lane refreshes, so a commit landing
    /// during the refresh queues another.
    func takeWake() {
        wakePending.withLock { $0 = false }
    }

    /// The transport closed: queue the session's clean-up after whatever it still has
    /// queued, without waiting (for callers that cannot suspend). When the queue is
    /// already stopped the server is going away and the database with it.
    func finishSoon() {
        _ = scheduler.put(.detach, for: key, ignoringLimit: true)
    }

    /// The transport closed: queue the session's clean-up after whatever it still has
    /// queued, or run it now when the queue is already stopped.
    func finish() async {
        guard scheduler.put(.detach, for: key, ignoringLimit: true) != .queued else { return }
        await scheduler.directory.runner(key.session)?.handle(
            SessionWork(kind: .detach, queuedAtTurn: 0, backlogAtQueueing: 0), takenAtTurn: 0)
        scheduler.directory.remove(key.session)
    }
}
