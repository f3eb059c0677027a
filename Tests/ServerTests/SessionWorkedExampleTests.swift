import Engine
import Foundation
import TestSupport
import Testing

/// Replays the exact frames of protocol-session §13 (`Fixtures/session-example`) and checks
/// every reply field the client reads.
@Suite(.timeLimit(.minutes(1)))
struct SessionWorkedExampleTests {
    typealias Schema = SessionSchema

    /// The attr keys the client reads (§4.1).
    static let attrKeys = [
        "id", "forward-identity", "reverse-identity", "value-type", "cardinality", "unique?", "index?",
    ]

    @Test func replaysTheWorkedExample() async throws {
        let exchange = try Schema.exchange()
        let server = try await Schema.startServer()
        let client = try await SessionClient.connect(server)

        // §13.2: init-ok carries every user attr as upstream spells it.
        let initOK = try await client.initialize(server.appID)
        let attrs = try #require(initOK["attrs"]?.arrayValue)
        for expected in try #require(exchange["user-attrs"]?.arrayValue) {
            let actual = try #require(attrs.first { $0["id"] == expected["id"] }, "attr \(expected["id"] ?? nil)")
            for key in Self.attrKeys {
                #expect(actual[key] == expected[key], "\(key) of \(expected["id"] ?? nil)")
            }
            #expect(actual["catalog"] == "user")
        }

        // §13.3–§13.4: the subscription and its flattened result.
        let addQuery = try #require(exchange["add-query"])
        let added = try await client.request(addQuery)
        let expectedAdded = try #require(exchange["add-query-ok"])
        #expect(added["op"] == "add-query-ok")
        #expect(added["client-event-id"] == addQuery["client-event-id"])
        #expect(added["q"] == addQuery["q"])
        let processedTxID = try #require(added["processed-tx-id"]?.intValue)
        try Self.checkFlattened(added["result"], against: expectedAdded["result"])
        // Entities the client sees are ordered by their id triple's t (§4.2): G1 before G2.
        #expect(Self.idTripleTime(Schema.g1, in: added["result"]) == 1_717_171_717_000)
        #expect(Self.idTripleTime(Schema.g2, in: added["result"]) == 1_717_171_718_000)

        // §13.5: the write, its transact-ok, then the refresh with the new todo.
        let transact = try #require(exchange["transact"])
        let sentAt = Int64(Date().timeIntervalSince1970 * 1000)
        let transactOK = try await client.request(transact)
        #expect(transactOK["op"] == "transact-ok")
        #expect(transactOK["client-event-id"] == transact["client-event-id"])
        let txID = try #require(transactOK["tx-id"]?.intValue)
        #expect(txID > processedTxID)

        let refresh = try await client.receive()
        let expectedRefresh = try #require(exchange["refresh-ok"])
        #expect(refresh["op"] == "refresh-ok")
        #expect(try #require(refresh["processed-tx-id"]?.intValue) >= txID)
        #expect(refresh["attrs"] == nil)
        let computations = try #require(refresh["computations"]?.arrayValue)
        let expectedComputation = try #require(expectedRefresh["computations"]?.arrayValue?.first)
        #expect(computations.count == 1)
        #expect(computations.first?["instaql-query"] == expectedComputation["instaql-query"])
        let result = computations.first?["instaql-result"]
        try Self.checkFlattened(result, against: expectedComputation["instaql-result"])
        // The three new triples carry the transaction's time, in milliseconds (§1.3, §4.2).
        let t4 = "44444444-4444-4444-8444-444444444444"
        let newTimes = Set(
            Schema.triples(result).filter { $0.arrayValue?[0] == .string(t4) || $0.arrayValue?[2] == .string(t4) }
                .compactMap { $0.arrayValue?[3].intValue })
        #expect(newTimes.count == 1)
        #expect(try #require(newTimes.first) >= sentAt - 1000)
        #expect(try #require(newTimes.first) < sentAt + 60_000)
        #expect(try await client.receiveIfAny() == nil)
        await client.close()
        await server.stop()
    }

    /// Checks a socket result has upstream's flattened shape (§4.3: one node, one join-row,
    /// `child-nodes` empty) and the same facts as the spec's frame; id and attribute triples
    /// must match with their `t` (the fixture stamps link triples with their goal's `t`).
    static func checkFlattened(_ actual: JSONValue?, against expected: JSONValue?) throws {
        let nodes = try #require(actual?.arrayValue)
        #expect(nodes.count == 1)
        #expect(nodes.first?["child-nodes"] == [])
        #expect(nodes.first?["data"]?["datalog-result"]?["join-rows"]?.arrayValue?.count == 1)
        #expect(Schema.facts(actual) == Schema.facts(expected))
        // Link triples and the new todo's triples carry times the fixture or the clock chose.
        let link = JSONValue.string(Schema.goalTodos)
        let newTodo: JSONValue = "44444444-4444-4444-8444-444444444444"
        func timed(_ result: JSONValue?) -> Set<JSONValue> {
            Set(Schema.triples(result).filter { $0.arrayValue?[1] != link && $0.arrayValue?[0] != newTodo })
        }
        #expect(timed(actual) == timed(expected))
    }

    /// The `t` of an entity's id triple in a result.
    static func idTripleTime(_ entity: String, in result: JSONValue?) -> Int64? {
        Schema.triples(result).first { $0.arrayValue?[0] == .string(entity) && $0.arrayValue?[2] == .string(entity) }?
            .arrayValue?[3].intValue
    }
}
