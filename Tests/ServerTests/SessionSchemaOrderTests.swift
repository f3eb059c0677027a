import Engine
import TestSupport
import Testing

/// A schema change races a subscription (protocol-session §13 rule 3): the `refresh-ok`
/// carrying the new attrs must reach a session before any `add-query-ok` holding
/// triples of those attrs, or the real client drops the triples ("no such attr") and
/// never sees them again. The race is real only when the `add-query` is queued before
/// the commit's wake-up, so the test runs many rounds with both in flight at once.
@Suite(.timeLimit(.minutes(1)))
struct SessionSchemaOrderTests {
    typealias Schema = SessionSchema

    @Test func newAttrsArriveBeforeAnyResultUsingThem() async throws {
        let server = try await Schema.startServer()
        let reader = try await SessionClient.connect(server)
        let writer = try await SessionClient.connect(server)
        try await reader.initialize(server.appID)
        try await writer.initialize(server.appID)
        for round in 0..<20 {
            let attrID = EntityID.random().uuidString
            let label = "field\(round)"
            let goal = EntityID.random().uuidString
            let steps: JSONValue = [
                [
                    "add-attr",
                    [
                        "id": .string(attrID),
                        "forward-identity": [.string(EntityID.random().uuidString), "goals", .string(label)],
                        "value-type": "blob", "cardinality": "one", "unique?": false, "index?": false,
                    ],
                ],
                ["add-triple", .string(goal), .string(Schema.goalID), .string(goal)],
                ["add-triple", .string(goal), .string(attrID), "set"],
            ]
            let query: JSONValue = ["goals": ["$": ["where": ["id": .string(goal)]]]]
            // Both go out before either answer is read: the reader's add-query may be
            // queued before or after the wake-up of the writer's commit.
            try await writer.send(["op": "transact", "client-event-id": SessionClient.eventID(), "tx-steps": steps])
            try await reader.send(["op": "add-query", "client-event-id": SessionClient.eventID(), "q": query])
            // The writer holds no query, but every session gets the new attrs too.
            while try await writer.receive()["op"] != "transact-ok" {}

            var knowsAttr = false
            var sawResult = false
            while !sawResult {
                let message = try await reader.receive()
                if let attrs = message["attrs"]?.arrayValue, attrs.contains(where: { $0["id"] == .string(attrID) }) {
                    knowsAttr = true
                }
                let usesAttr = message.description.contains(attrID)
                    && (message["op"] == "add-query-ok" || message["computations"] != nil)
                if usesAttr, message["attrs"] == nil {
                    #expect(knowsAttr, "round \(round): \(message["op"] ?? .null) used \(label) before its attrs")
                }
                if message["op"] == "add-query-ok", Schema.facts(message["result"]).count > 1 { sawResult = true }
                if message["op"] == "refresh-ok", message["computations"]?.arrayValue?.isEmpty == false {
                    sawResult = true
                }
            }
            #expect(knowsAttr, "round \(round): the new attrs never arrived")
            // Leave the next round a clean session.
            try await reader.send(["op": "remove-query", "client-event-id": SessionClient.eventID(), "q": query])
            while try await reader.receive()["op"] != "remove-query-ok" {}
            while try await writer.receiveIfAny(within: .milliseconds(20)) != nil {}
        }
        for client in [reader, writer] { await client.close() }
        await server.stop()
    }
}
