import Engine
import Synchronization
import Wire

/// One `POST /admin/subscribe-query` stream (protocol-http §6): a server session holding
/// exactly one query in the tree encoding, producing its SSE events.
///
/// The events are produced lazily by the HTTP connection's own task as it iterates the
/// stream (`AsyncStream(unfolding:)`), so no task outlives the response: the session is
/// attached on the first event and detached when the stream is cancelled or released.
final class AdminLiveQuery: Sendable {
    /// Where the stream is in the event sequence of §6.4.
    enum Phase: Sendable {
        /// Nothing sent yet: `retry` and `sse-init` come first.
        case opening
        /// `sse-init` sent: the query is evaluated next (`add-query-ok` or `error`).
        case subscribing
        /// Waiting for commits (`refresh-ok`) or the keep-alive interval (a comment).
        case live
    }

    /// Upstream's keep-alive period; must stay under the Python SDK's 60 s read timeout.
    static let defaultKeepAliveInterval: Duration = .seconds(15)

    let database: AppDatabase
    let session = EntityID.random()
    let query: JSONValue
    let identity: Identity
    let inference: Bool
    let keepAliveInterval: Duration
    private let phase = Mutex(Phase.opening)
    private let signal = WakeSignal()

    init(
        database: AppDatabase, query: JSONValue, identity: Identity, inference: Bool,
        keepAliveInterval: Duration = AdminLiveQuery.defaultKeepAliveInterval
    ) {
        self.database = database
        self.query = query
        self.identity = identity
        self.inference = inference
        self.keepAliveInterval = keepAliveInterval
    }

    /// Frees the query even if the stream was dropped without being cancelled (§6.5).
    deinit {
        database.detachSession(session)
    }

    /// The response body: one element per SSE event, ending when the client goes away.
    func makeStream() -> AsyncStream<[UInt8]> {
        AsyncStream(unfolding: { await self.nextEvent() }, onCancel: { self.database.detachSession(self.session) })
    }

    /// Produces the next event; nil ends the stream.
    func nextEvent() async -> [UInt8]? {
        switch phase.withLock({ $0 }) {
        case .opening:
            phase.withLock { $0 = .subscribing }
            _ = database.attachSession(session) { [signal] _ in signal.notify() }
            return ServerSentEvent.retry + event(LiveQueryMessages.sseInit(session: session))
        case .subscribing:
            phase.withLock { $0 = .live }
            return await subscribe()
        case .live:
            return await nextChange()
        }
    }

    /// Evaluates the query: `add-query-ok`, or an `error` after which the stream only
    /// keeps alive (§6.4 item 4: the stream may stay open).
    private func subscribe() async -> [UInt8] {
        do throws(InstantError) {
            let outcome = try await database.subscribe(
                session: session, query: query, identity: identity, encoding: .tree(inference: inference))
            switch outcome {
            case .added(let snapshot):
                return event(LiveQueryMessages.addQueryOK(query: query, snapshot: snapshot))
            case .exists:
                return ServerSentEvent.keepAlive
            }
        } catch {
            return event(LiveQueryMessages.error(error, query: query))
        }
    }

    /// Sleeps until a commit changes the result (`refresh-ok`), a refresh fails
    /// (`error`) or the keep-alive interval passes (a comment line).
    private func nextChange() async -> [UInt8]? {
        while true {
            switch await signal.wait(timeout: keepAliveInterval) {
            case .cancelled:
                return nil
            case .timedOut:
                return ServerSentEvent.keepAlive
            case .woken:
                let outcome: RefreshOutcome
                do throws(InstantError) {
                    outcome = try await database.refresh(session: session)
                } catch {
                    return event(LiveQueryMessages.error(error, query: query))
                }
                if let failure = outcome.failures.first {
                    return event(LiveQueryMessages.error(failure.error, query: query))
                }
                // Clients ignore an empty `refresh-ok`; upstream sends none (§6.4 item 3).
                guard !outcome.computations.isEmpty else { continue }
                return event(LiveQueryMessages.refreshOK(outcome))
            }
        }
    }

    private func event(_ message: JSONValue) -> [UInt8] {
        ServerSentEvent.data(message.jsonBytes)
    }
}
