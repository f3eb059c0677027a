import Engine
import Wire

/// The I/O shell of one session: turns inputs into `Session` events and performs the
/// actions it returns against the app's database and the socket (STYLE §5).
///
/// Owned by the session's single lane task, so it needs no lock: every input runs to
/// completion, replies included, before the next one starts (protocol-session §16).
struct SessionLane {
    /// Apps and storage.
    let host: SessionHost
    /// Where replies go: the WebSocket or the SSE event stream.
    let connection: any SessionOutlet
    /// Where commit wake-ups are queued.
    let inbox: SessionInbox
    /// The protocol state.
    private var session: Session
    /// The bound app's database, once `init` succeeded.
    private var database: AppDatabase?

    /// Builds the shell of a fresh session with id `id`, waiting for `init`.
    init(id: EntityID, host: SessionHost, connection: any SessionOutlet, inbox: SessionInbox) {
        session = Session(id: id)
        self.host = host
        self.connection = connection
        self.inbox = inbox
    }

    /// Handles one input completely.
    mutating func handle(_ input: SessionInbox.Input) async {
        let actions: [Session.Action]
        switch input {
        case .message(.text(let text)):
            do {
                actions = session.received(try JSONParser.parse(text))
            } catch {
                actions = session.receivedUnreadable(.null, detail: "invalid JSON (\(error))")
            }
        case .message(.binary):
            actions = session.receivedUnreadable(.null, detail: "binary frames are not supported; send JSON text")
        case .wake:
            inbox.takeWake()
            actions = session.woken()
        }
        await perform(actions)
    }

    /// Leaves the app's query store: every subscription of this session is released.
    func detach() {
        database?.detachSession(session.id)
    }

    /// Performs actions in order; an action's follow-ups run before the next action.
    private mutating func perform(_ actions: [Session.Action]) async {
        var pending = actions
        while !pending.isEmpty {
            let action = pending.removeFirst()
            pending.insert(contentsOf: await perform(action), at: 0)
        }
    }

    /// Performs one action and returns the follow-ups the session decides on.
    private mutating func perform(_ action: Session.Action) async -> [Session.Action] {
        switch action {
        case .reply(let reply):
            connection.send(utf8Text: reply.bytes)
            return []
        case .initialize(let request):
            return await initialize(request)
        case .subscribe(let query, let binding, let request):
            guard let database else { return session.failed(Self.unbound, request: request) }
            do {
                let outcome = try await database.subscribe(
                    session: session.id, query: query, identity: binding.identity)
                return session.subscribed(query, outcome: outcome, request: request)
            } catch {
                return session.failed(error, request: request)
            }
        case .unsubscribe(let query, let request):
            database?.unsubscribe(session: session.id, query: query)
            return session.unsubscribed(query, request: request)
        case .transact(let steps, let binding, let request):
            guard let database else { return session.failed(Self.unbound, request: request) }
            do {
                let report = try await database.transact(
                    steps, context: TransactionContext(identity: binding.identity))
                return session.transacted(txID: report.txID, request: request)
            } catch {
                return session.failed(error, request: request)
            }
        case .refresh:
            guard let database else { return [] }
            do {
                return session.refreshed(try await database.refresh(session: session.id))
            } catch {
                return session.failed(error, request: SessionRequest(message: ["op": "refresh"]))
            }
        }
    }

    /// Resolves `init` (§5.1): the app must exist; an `__admin-token` must be the app's and
    /// makes an admin session; a `refresh-token` binds the session to its user, and one that names no
    /// user is the `app-user` not-found error that signs the client out (§3.5, §5.3).
    /// Attaching before `init-ok` is sent means no commit can be missed.
    private mutating func initialize(_ request: SessionInitRequest) async -> [Session.Action] {
        guard let app = host.apps.app(request.appID) else {
            let error = InstantError(
                .recordNotFound, "Record not found: app",
                hint: ["record-type": "app", "input": JSONValue(request.appID)])
            return session.failed(error, request: request.request)
        }
        // A wrong admin token is an error, not a quiet downgrade to a user session.
        let isAdmin = request.adminToken != nil
        if let token = request.adminToken, EntityID(token) != app.adminToken {
            return session.failed(AdminAuth.adminTokenNotFound(appID: app.id), request: request.request)
        }
        let database: AppDatabase
        do {
            database = try await host.storage.database(app: app.id)
        } catch {
            return session.failed(error, request: request.request)
        }
        var binding = SessionBinding(app: app, identity: isAdmin ? .admin : .anonymous)
        if let refreshToken = request.refreshToken {
            let user = EntityID(refreshToken).flatMap { token in database.read { $0.user(refreshToken: token) } }
            guard let user else { return session.failed(.recordNotFound("app-user"), request: request.request) }
            binding.user = user.record(appID: app.id)
            if !isAdmin { binding.identity = .user(user.id) }
        }
        let inbox = self.inbox
        let attrs = database.attachSession(session.id) { _ in inbox.wake() }
        self.database = database
        return session.initialized(binding, attrs: attrs, request: request.request)
    }

    /// An op that needs the database before `init` bound one; the state machine never
    /// asks for it, so this only guards the shell.
    private static let unbound = InstantError(.validationFailed, "init has not run")
}
