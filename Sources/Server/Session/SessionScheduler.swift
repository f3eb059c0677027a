import Engine
import Synchronization

/// The process-wide queue every session's inputs go through (server-architecture §5.2,
/// issue 7 item 4): one group per session, so a session's inputs run in arrival order;
/// a bounded number of workers; turns round-robin across apps first, then across the
/// sessions of an app, so one busy app cannot starve another.
///
/// Started with the server and shut down after the HTTP server has closed every
/// connection; `shutdown()` lets queued work finish.
public final class SessionScheduler: Sendable {
    /// Default `workers`: 16 sessions served at once. A turn mostly suspends (waiting
    /// for the log to be durable) or runs briefly on the cooperative pool, so a few times
    /// the core count keeps the cores busy while bounding concurrent evaluations.
    public static let defaultWorkers = 16
    /// Default `maxWaitingPerSession`: 1,000 unprocessed inputs. The real client sends one
    /// `add-query` per subscribed query on reconnect, a few hundred at most; a client
    /// sending faster than its session is served is disconnected.
    public static let defaultMaxWaitingPerSession = 1000

    /// The queue; its workers run in `serving`.
    let queue: GroupedQueue<SessionQueueKey, SessionWork>
    /// Live sessions by id, for the queue's workers and the SSE upstream channel.
    let directory: SessionDirectory
    /// Items taken so far: the clock `SessionWait` counts in.
    private let turns: TurnCounter
    /// The workers' task.
    private let serving: Mutex<Task<Void, Never>?>

    /// Builds the queue and starts its workers.
    public init(workers: Int = defaultWorkers, maxWaitingPerSession: Int = defaultMaxWaitingPerSession) {
        let directory = SessionDirectory()
        let turns = TurnCounter()
        let queue = GroupedQueue<SessionQueueKey, SessionWork>(
            workers: workers, maxWaitingPerGroup: maxWaitingPerSession, fairness: { $0.fairnessClass },
            process: { key, work in
                guard let runner = directory.runner(key.session) else { return }
                await runner.handle(work, takenAtTurn: turns.advance())
                if case .detach = work.kind { directory.remove(key.session) }
            })
        self.directory = directory
        self.turns = turns
        self.queue = queue
        // An unstructured task, not a child of the server's task group: the scheduler is
        // built before the server runs (and on its own by routers in tests), so there is
        // no group to join yet. It is owned by this scheduler, held in `serving`: it ends
        // when `queue.finish()` runs, from `shutdown()` (which waits for it; the server
        // calls it after its HTTP server has closed every connection) or from `deinit`.
        serving = Mutex(Task { await queue.run() })
    }

    /// Stops the workers if `shutdown()` never ran.
    deinit {
        queue.finish()
    }

    /// Registers a session and returns its inbox.
    func open(
        session id: EntityID, app: String?, sseToken: EntityID? = nil, makeLane: (SessionInbox) -> SessionLane
    ) -> SessionInbox {
        let inbox = SessionInbox(key: SessionQueueKey(app: app, session: id), sseToken: sseToken, scheduler: self)
        directory.add(id, runner: SessionRunner(lane: makeLane(inbox)), inbox: inbox)
        return inbox
    }

    /// Queues one item for a session, stamped with the current turn.
    func put(_ kind: SessionWork.Kind, for key: SessionQueueKey, ignoringLimit: Bool = false) -> EnqueueResult {
        let work = SessionWork(kind: kind, queuedAtTurn: turns.current, backlogAtQueueing: queue.waitingCount)
        return queue.put(work, in: key, ignoringLimit: ignoringLimit)
    }

    /// The inbox of a live session, for the SSE upstream channel.
    func inbox(of session: EntityID) -> SessionInbox? {
        directory.inbox(session)
    }

    /// How long the latest item of `session` waited; nil once it is gone.
    public func lastWait(of session: EntityID) async -> SessionWait? {
        await directory.runner(session)?.lastWait
    }

    /// Inputs waiting in every session's group (not counting those being handled).
    public var waitingCount: Int { queue.waitingCount }

    /// Sessions registered and not yet cleaned up.
    public var sessionCount: Int { directory.count }

    /// Refuses new items, lets queued ones finish, and waits for the workers to stop.
    public func shutdown() async {
        queue.finish()
        await serving.withLock { $0 }?.value
    }
}
