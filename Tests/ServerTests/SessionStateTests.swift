import Testing

@testable import Engine
@testable import Server

/// The session state machine without sockets (STYLE §5): which message leads to which
/// action or reply.
struct SessionStateTests {
    static let app = AppRecord(id: EntityID.random(), title: "t", adminToken: EntityID.random(), createdAt: 0)
    static let binding = SessionBinding(app: app, identity: .anonymous)

    static func activeSession() -> Session {
        var session = Session(id: EntityID.random())
        _ = session.received(["op": "init", "app-id": JSONValue(app.id)])
        _ = session.initialized(binding, attrs: [], request: SessionRequest(message: ["op": "init"]))
        return session
    }

    @Test func initAsksTheShellToResolveTheApp() {
        var session = Session(id: EntityID.random())
        let message: JSONValue = [
            "op": "init", "client-event-id": "e", "app-id": JSONValue(Self.app.id), "refresh-token": "r",
            "__admin-token": "t",
        ]
        let actions = session.received(message)
        let expected = SessionInitRequest(
            appID: Self.app.id, adminToken: "t", refreshToken: "r", request: SessionRequest(message: message))
        #expect(actions == [.initialize(expected)])
        #expect(session.phase == .initializing)
    }

    @Test(arguments: ["add-query", "remove-query", "transact"])
    func refusesOpsBeforeInit(op: String) {
        var session = Session(id: EntityID.random())
        let message: JSONValue = ["op": .string(op), "client-event-id": "e", "q": [:], "tx-steps": []]
        let actions = session.received(message)
        #expect(actions == [.reply(.error(.initNotRun(SessionRequest(message: message))))])
        #expect(session.phase == .awaitingInit)
    }

    @Test func aFailedInitCanBeRetried() {
        var session = Session(id: EntityID.random())
        let message: JSONValue = ["op": "init", "app-id": JSONValue(Self.app.id)]
        _ = session.received(message)
        _ = session.failed(InstantError(.recordNotFound, "x"), request: SessionRequest(message: message))
        #expect(session.phase == .awaitingInit)
        #expect(session.received(message).count == 1)
    }

    @Test func initNeedsAnAppID() {
        var session = Session(id: EntityID.random())
        let missing: JSONValue = ["op": "init"]
        #expect(
            session.received(missing) == [.reply(.error(.parameter("app-id", of: SessionRequest(message: missing))))])
        let actions = session.received(["op": "init", "app-id": "nope"])
        guard case .reply(.error(let error))? = actions.first else {
            Issue.record("expected an error")
            return
        }
        #expect(error.error.kind == .paramMalformed)
    }

    @Test func addQueryAsksForASubscription() {
        var session = Self.activeSession()
        let message: JSONValue = ["op": "add-query", "client-event-id": "e", "q": ["goals": [:]]]
        #expect(
            session.received(message)
                == [.subscribe(query: ["goals": [:]], binding: Self.binding, request: SessionRequest(message: message))]
        )
    }

    @Test func transactParsesTheSteps() {
        var session = Self.activeSession()
        let entity = EntityID.random()
        let attr = EntityID.random()
        let message: JSONValue = [
            "op": "transact", "client-event-id": "e",
            "tx-steps": [["add-triple", JSONValue(entity), JSONValue(attr), "v"]],
        ]
        #expect(
            session.received(message) == [
                .transact(
                    steps: [.addTriple(.id(entity), attr: attr, value: "v", mode: nil)], binding: Self.binding,
                    request: SessionRequest(message: message))
            ])
    }

    @Test func unknownAndInternalOpsAreInvalid() {
        var session = Self.activeSession()
        for op in ["refresh", "sse-init", "join-room", "bogus"] {
            let message: JSONValue = ["op": .string(op)]
            #expect(session.received(message) == [.reply(.error(.invalidOp(SessionRequest(message: message))))])
        }
    }

    @Test func wakesOnlyRefreshABoundSession() {
        var fresh = Session(id: EntityID.random())
        #expect(fresh.woken() == [])
        var active = Self.activeSession()
        #expect(active.woken() == [.refresh])
    }

    @Test func aRefreshWithNothingNewSendsNothing() {
        var session = Self.activeSession()
        let quiet = RefreshOutcome(processedTxID: 3, computations: [], attrs: nil, failures: [])
        #expect(session.refreshed(quiet) == [])
    }

    @Test func aFailedRefreshIsReportedAsAnAddQueryError() {
        var session = Self.activeSession()
        let error = InstantError(.validationFailed, "gone")
        let outcome = RefreshOutcome(
            processedTxID: 3, computations: [], attrs: nil, failures: [.init(query: ["goals": [:]], error: error)])
        let actions = session.refreshed(outcome)
        #expect(actions == [.reply(.error(SessionError(error: error, request: .refreshFailure(of: ["goals": [:]]))))])
        guard case .reply(let reply)? = actions.first else { return }
        #expect(reply.json["original-event"] == ["op": "add-query", "q": ["goals": [:]]])
        #expect(reply.json["client-event-id"] == nil)
    }

    @Test func errorsRenderTheEnvelope() {
        let message: JSONValue = ["op": "transact", "client-event-id": "c7"]
        let json = SessionReply.error(
            SessionError(
                error: InstantError(.permissionDenied, "no", hint: ["a": 1]), request: SessionRequest(message: message))
        ).json
        #expect(
            json == [
                "op": "error", "client-event-id": "c7", "status": 400, "original-event": message,
                "type": "permission-denied", "message": "no", "hint": ["a": 1],
            ])
    }
}
