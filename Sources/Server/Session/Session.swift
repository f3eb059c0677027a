import Engine

/// One client's session protocol state (protocol-session §3, §5–§7): a pure state machine.
/// Each event returns the actions for the I/O shell (`SessionLane`) to perform; actions
/// that need the database report back through another event (STYLE §5).
///
/// The shell feeds it one input at a time, in arrival order, which is the per-session
/// ordering §16 asks for. Subscriptions themselves live in the app's query store (shared
/// across sessions); this machine only knows whether `init` has bound the session.
struct Session: Sendable {
    /// Where the session is.
    enum Phase: Sendable, Equatable {
        /// Waiting for `init`; nothing but `init-ok` or an `error` may be sent (§2.1, §16 item 1).
        case awaitingInit
        /// `init` is being resolved; the shell reports `initialized` or `failed` next.
        case initializing
        /// Bound to an app; every op is served.
        case active(SessionBinding)
    }

    /// What the shell must do.
    enum Action: Sendable, Equatable {
        /// Send this message.
        case reply(SessionReply)
        /// Resolve the app and identity, attach to the app's query store, then report
        /// `initialized` or `failed`.
        case initialize(SessionInitRequest)
        /// Subscribe `query`, then report `subscribed` or `failed`.
        case subscribe(query: JSONValue, binding: SessionBinding, request: SessionRequest)
        /// Drop `query`, then report `unsubscribed`.
        case unsubscribe(query: JSONValue, request: SessionRequest)
        /// Commit the steps as `binding.identity`, then report `transacted` or `failed`.
        case transact(steps: [TxStep], binding: SessionBinding, request: SessionRequest)
        /// Bring the session's results up to date, then report `refreshed`.
        case refresh
    }

    /// The id sent in `init-ok`, and the session's key in the app's query store.
    let id: EntityID
    /// See `Phase`.
    var phase = Phase.awaitingInit

    /// Builds a session waiting for `init`.
    init(id: EntityID) {
        self.id = id
    }

    /// The binding once `init` succeeded.
    var binding: SessionBinding? {
        if case .active(let binding) = phase { return binding }
        return nil
    }

    /// `init` was resolved: answer `init-ok` with the catalogue (§5.2).
    mutating func initialized(_ binding: SessionBinding, attrs: [Attr], request: SessionRequest) -> [Action] {
        phase = .active(binding)
        return [.reply(.initOK(clientEventID: request.clientEventID, sessionID: id, attrs: attrs, binding: binding))]
    }

    /// A query was subscribed, or the session already held it (§6.2–§6.3).
    mutating func subscribed(_ query: JSONValue, outcome: SubscribeOutcome, request: SessionRequest) -> [Action] {
        switch outcome {
        case .added(let snapshot):
            let added = SessionReply.addQueryOK(clientEventID: request.clientEventID, query: query, snapshot: snapshot)
            guard let attrs = snapshot.attrs else { return [.reply(added)] }
            // New attrs first, or the client drops the result's triples (§13 rule 3).
            let catalogue = RefreshOutcome(
                processedTxID: snapshot.processedTxID, computations: [], attrs: attrs, failures: [])
            return [.reply(.refreshOK(catalogue)), .reply(added)]
        case .exists:
            return [.reply(.addQueryExists(clientEventID: request.clientEventID, query: query))]
        }
    }

    /// A query was dropped (or was not held, which is not an error, §6.4).
    mutating func unsubscribed(_ query: JSONValue, request: SessionRequest) -> [Action] {
        [.reply(.removeQueryOK(clientEventID: request.clientEventID, query: query))]
    }

    /// A transaction committed (§7.3).
    mutating func transacted(txID: Int64, request: SessionRequest) -> [Action] {
        [.reply(.transactOK(clientEventID: request.clientEventID, txID: txID))]
    }

    /// An action failed: answer with the `error` envelope (§5.3). A failed `init` leaves
    /// the session waiting for `init`, though the real client will not retry on this socket.
    mutating func failed(_ error: InstantError, request: SessionRequest) -> [Action] {
        if phase == .initializing { phase = .awaitingInit }
        return [.reply(.error(SessionError(error: error, request: request)))]
    }

    /// A commit concerned this session: refresh, unless not yet bound.
    mutating func woken() -> [Action] {
        switch phase {
        case .awaitingInit, .initializing: []
        case .active: [.refresh]
        }
    }

    /// The store brought the session up to date: a `refresh-ok` when a result or the
    /// catalogue changed (§6.5), and an `error` per subscription that stopped evaluating.
    mutating func refreshed(_ outcome: RefreshOutcome) -> [Action] {
        var actions: [Action] = []
        if outcome.needsRefreshMessage { actions.append(.reply(.refreshOK(outcome))) }
        for failure in outcome.failures {
            actions.append(
                .reply(.error(SessionError(error: failure.error, request: .refreshFailure(of: failure.query)))))
        }
        return actions
    }

    /// A frame that is not a JSON object (bad JSON, a binary frame): an error on this
    /// session only, which stays open (§1.1).
    mutating func receivedUnreadable(_ message: JSONValue, detail: String) -> [Action] {
        [.reply(.error(.unreadable(SessionRequest(message: message), detail: detail)))]
    }
}
