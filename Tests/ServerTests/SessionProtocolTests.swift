import Engine
import TestSupport
import Testing

/// The session protocol over real WebSockets against an in-process server
/// (protocol-session §5–§7).
@Suite(.timeLimit(.minutes(1)))
struct SessionProtocolTests {
    typealias Schema = SessionSchema
    let goals: JSONValue = ["goals": [:]]

    @Test func answersInitWithInitOK() async throws {
        let server = try await Schema.startServer()
        let client = try await SessionClient.connect(server)
        let eventID = SessionClient.eventID()
        let reply = try await client.request([
            "client-event-id": eventID, "op": "init", "app-id": JSONValue(server.appID),
            "versions": ["@instantdb/core": "v1.0.65"],
        ])
        #expect(reply["op"] == "init-ok")
        #expect(reply["client-event-id"] == eventID)
        let sessionID = try #require(reply["session-id"]?.stringValue)
        #expect(EntityID(sessionID) != nil && sessionID == sessionID.lowercased())
        let attrs = try #require(reply["attrs"]?.arrayValue)
        let labels = Set(
            attrs.compactMap { attr -> String? in
                guard let identity = attr["forward-identity"]?.arrayValue, identity.count == 3 else { return nil }
                return "\(identity[1].stringValue ?? "").\(identity[2].stringValue ?? "")"
            })
        #expect(
            labels.isSuperset(of: ["goals.id", "goals.title", "todos.id", "todos.title", "goals.todos", "$users.id"]))
        #expect(attrs.contains { $0["catalog"] == "system" })
        #expect(reply["app-status"] == ["status": "active"])
        #expect(reply["auth"]?["user"] == .null)
        #expect(reply["auth"]?["admin?"] == false)
        #expect(reply["auth"]?["app"]?["id"] == JSONValue(server.appID))
        await client.close()
        await server.stop()
    }

    @Test func sendsNothingBeforeInitAndRefusesOtherOps() async throws {
        let server = try await Schema.startServer()
        let client = try await SessionClient.connect(server)
        #expect(try await client.receiveIfAny() == nil)
        let eventID = SessionClient.eventID()
        let message: JSONValue = ["op": "add-query", "client-event-id": eventID, "q": goals]
        let reply = try await client.request(message)
        #expect(reply["op"] == "error")
        #expect(reply["status"] == 400)
        #expect(reply["type"] == "validation-failed")
        #expect(reply["message"] == "init has not run")
        #expect(reply["client-event-id"] == eventID)
        #expect(reply["original-event"] == message)
        try await client.initialize(server.appID)
        await client.close()
        await server.stop()
    }

    @Test func initForAnUnknownAppFailsWithoutClosing() async throws {
        let server = try await Schema.startServer()
        let client = try await SessionClient.connect(server)
        let reply = try await client.request([
            "op": "init", "client-event-id": "e1", "app-id": JSONValue(EntityID.random()),
        ])
        #expect(reply["op"] == "error")
        #expect(reply["type"] == "record-not-found")
        #expect(reply["hint"]?["record-type"] == "app")
        #expect(reply["original-event"]?["op"] == "init")
        try await client.initialize(server.appID)
        let again = try await client.request(["op": "init", "client-event-id": "e2", "app-id": JSONValue(server.appID)])
        #expect(again["message"] == "init has already run")
        await client.close()
        await server.stop()
    }

    @Test func subscriberGetsExactlyTheNewResultAfterAnotherSessionTransacts() async throws {
        let server = try await Schema.startServer()
        let a = try await SessionClient.connect(server)
        let b = try await SessionClient.connect(server)
        try await a.initialize(server.appID)
        try await b.initialize(server.appID)
        let query: JSONValue = ["goals": ["$": ["where": ["title": "Write tests"]]]]
        let added = try await a.addQuery(query)
        #expect(added["op"] == "add-query-ok")
        #expect(Schema.triples(added["result"]).isEmpty)

        let goal = EntityID.random().uuidString
        let eventID = SessionClient.eventID()
        let ok = try await b.transact(Schema.createGoal(goal, title: "Write tests"), eventID: eventID)
        #expect(ok["op"] == "transact-ok")
        #expect(ok["client-event-id"] == eventID)
        let txID = try #require(ok["tx-id"]?.intValue)

        let refresh = try await a.receive()
        #expect(refresh["op"] == "refresh-ok")
        #expect(try #require(refresh["processed-tx-id"]?.intValue) >= txID)
        #expect(refresh["attrs"] == nil)
        let computations = try #require(refresh["computations"]?.arrayValue)
        #expect(computations.count == 1)
        #expect(computations.first?["instaql-query"] == query)
        let result = computations.first?["instaql-result"]
        #expect(
            Schema.facts(result) == [
                [.string(goal), .string(Schema.goalID), .string(goal)],
                [.string(goal), .string(Schema.goalTitle), "Write tests"],
            ])
        // Exactly what a fresh subscriber gets for the same query now.
        let c = try await SessionClient.connect(server)
        try await c.initialize(server.appID)
        #expect(try await c.addQuery(query)["result"] == result)
        // The sender's own session holds no query: it gets only its transact-ok.
        #expect(try await b.receiveIfAny() == nil)
        for client in [a, b, c] { await client.close() }
        await server.stop()
    }

    @Test func removeQueryStopsRefreshes() async throws {
        let server = try await Schema.startServer()
        let a = try await SessionClient.connect(server)
        let b = try await SessionClient.connect(server)
        try await a.initialize(server.appID)
        try await b.initialize(server.appID)
        #expect(try await a.addQuery(goals)["op"] == "add-query-ok")
        let eventID = SessionClient.eventID()
        let removed = try await a.request(["op": "remove-query", "client-event-id": eventID, "q": goals])
        #expect(removed == ["op": "remove-query-ok", "client-event-id": eventID, "q": goals])
        #expect(
            try await b.transact(Schema.createGoal(EntityID.random().uuidString, title: "x"))["op"] == "transact-ok")
        #expect(try await a.receiveIfAny() == nil)
        // Re-adding is a new subscription, not add-query-exists (§6.4).
        #expect(try await a.addQuery(goals)["op"] == "add-query-ok")
        for client in [a, b] { await client.close() }
        await server.stop()
    }

    @Test func duplicateAddQueryIsAnsweredWithExists() async throws {
        let server = try await Schema.startServer()
        let a = try await SessionClient.connect(server)
        try await a.initialize(server.appID)
        let query: JSONValue = ["goals": ["todos": [:]], "$$ruleParams": ["k": nil]]
        let first = try await a.addQuery(query)
        #expect(first["op"] == "add-query-ok")
        #expect(first["q"] == query)
        // Same query with keys in another order: structurally equal (§15).
        let reordered: JSONValue = ["$$ruleParams": ["k": nil], "goals": ["todos": [:]]]
        let eventID = SessionClient.eventID()
        let second = try await a.addQuery(reordered, eventID: eventID)
        #expect(second == ["op": "add-query-exists", "client-event-id": eventID, "q": reordered])
        await a.close()
        await server.stop()
    }

    @Test func badFramesGetAnErrorAndTheSessionLivesOn() async throws {
        let server = try await Schema.startServer()
        let a = try await SessionClient.connect(server)
        try await a.initialize(server.appID)
        try await a.socket.send(text: "{not json")
        let malformed = try await a.receive()
        #expect(malformed["op"] == "error")
        #expect(malformed["type"] == "param-malformed")
        #expect(malformed["original-event"] == .null)
        try await a.socket.send(frame: .init(opcode: .binary, payload: [1, 2]))
        #expect(try await a.receive()["type"] == "param-malformed")
        let unknown = try await a.request(["op": "refresh", "client-event-id": "x"])
        #expect(unknown["message"] == "Invalid op")
        #expect(unknown["hint"] == ["op": "refresh"])
        let notObject = try await a.request([1, 2])
        #expect(notObject["op"] == "error")
        #expect(try await a.addQuery(goals)["op"] == "add-query-ok")
        await a.close()
        await server.stop()
    }

    @Test func aFailedQueryIsReportedWithItsQAndForgotten() async throws {
        let server = try await Schema.startServer()
        let a = try await SessionClient.connect(server)
        try await a.initialize(server.appID)
        let bad: JSONValue = ["goals": "oops"]
        for _ in 0..<2 {
            let reply = try await a.addQuery(bad)
            #expect(reply["op"] == "error")
            #expect(reply["status"] == 400)
            #expect(reply["original-event"]?["op"] == "add-query")
            #expect(reply["original-event"]?["q"] == bad)
        }
        let notAnObject = try await a.addQuery("goals")
        #expect(notAnObject["type"] == "validation-failed")
        await a.close()
        await server.stop()
    }

    @Test func aRejectedTransactionIsRoutedByItsEventID() async throws {
        let server = try await Schema.startServer()
        let a = try await SessionClient.connect(server)
        try await a.initialize(server.appID)
        let eventID = SessionClient.eventID()
        let reply = try await a.transact(
            [["add-triple", "not-a-uuid", .string(Schema.goalTitle), "x"]], eventID: eventID)
        #expect(reply["op"] == "error")
        #expect(reply["client-event-id"] == eventID)
        #expect(reply["original-event"]?["op"] == "transact")
        #expect(
            try await a.transact(Schema.createGoal(EntityID.random().uuidString, title: "ok"))["op"] == "transact-ok")
        await a.close()
        await server.stop()
    }

    @Test func anAdminHTTPWriteReachesSocketSubscribers() async throws {
        let server = try await Schema.startServer()
        let a = try await SessionClient.connect(server)
        try await a.initialize(server.appID)
        #expect(try await a.addQuery(goals)["op"] == "add-query-ok")
        let http = HTTPTestClient(port: server.endpoint.port)
        let goal = EntityID.random().uuidString
        let response = try await http.request(
            "POST", "/admin/transact",
            headers: ["app-id": server.appID.uuidString, "authorization": "Bearer \(server.adminToken.uuidString)"],
            json: ["steps": [["update", "goals", .string(goal), ["title": "From HTTP"]]]])
        #expect(response.status == 200)
        let refresh = try await a.receive()
        #expect(refresh["op"] == "refresh-ok")
        let facts = Schema.facts(refresh["computations"]?.arrayValue?.first?["instaql-result"])
        #expect(facts.contains([.string(goal), .string(Schema.goalTitle), "From HTTP"]))
        await a.close()
        await server.stop()
    }

    @Test func aSchemaChangePushesTheCatalogueToEverySession() async throws {
        let server = try await Schema.startServer()
        let a = try await SessionClient.connect(server)
        let b = try await SessionClient.connect(server)
        try await a.initialize(server.appID)
        try await b.initialize(server.appID)
        let attrID = EntityID.random().uuidString
        let addAttr: JSONValue = [
            [
                "add-attr",
                [
                    "id": .string(attrID),
                    "forward-identity": [.string(EntityID.random().uuidString), "goals", "priority"],
                    "value-type": "blob", "cardinality": "one", "unique?": false, "index?": false, "isUnsynced": true,
                ],
            ]
        ]
        #expect(try await b.transact(addAttr)["op"] == "transact-ok")
        for client in [a, b] {
            let refresh = try await client.receive()
            #expect(refresh["op"] == "refresh-ok")
            #expect(refresh["computations"] == [])
            let attrs = try #require(refresh["attrs"]?.arrayValue)
            #expect(attrs.contains { $0["id"] == .string(attrID) })
        }
        for client in [a, b] { await client.close() }
        await server.stop()
    }

    @Test func aClosedSessionLeavesNothingInTheQueryStore() async throws {
        let server = try await Schema.startServer()
        let database = try server.server.registry.database(for: server.appID)
        let a = try await SessionClient.connect(server)
        try await a.initialize(server.appID)
        #expect(try await a.addQuery(goals)["op"] == "add-query-ok")
        #expect(database.queryStoreStatistics.sessions == 1)
        #expect(try await a.socket.close() == .normalClosure)
        await a.close()
        // The lane detaches once the socket is gone; poll for it with a deadline.
        let deadline = ContinuousClock.now + .seconds(5)
        while database.queryStoreStatistics.sessions > 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        let statistics = database.queryStoreStatistics
        #expect(statistics.sessions == 0)
        #expect(statistics.subscriptions == 0)
        #expect(statistics.isIndexEmpty)
        await server.stop()
    }
}
