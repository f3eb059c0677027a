import Engine
import Testing

@testable import Server

/// The spliced `refresh-ok` bytes say exactly what the JSON form says (protocol-session §6.5).
struct SessionReplyBytesTests {
    static let attr = Attr(
        id: EntityID.random(), forwardIdentity: .init(id: EntityID.random(), etype: "goals", label: "title"),
        valueType: .blob, cardinality: .one)

    @Test(arguments: [Int64?.none, 42])
    func refreshOKBytesMatchItsJSON(processedTxID: Int64?) throws {
        let outcome = RefreshOutcome(
            processedTxID: processedTxID,
            computations: [
                .init(
                    query: ["goals": [:]], result: [["data": ["datalog-result": ["join-rows": [[["a", "b", "c"]]]]]]]),
                .init(query: ["todos": ["$": ["where": ["title": "ü \"quoted\""]]]], result: []),
            ],
            attrs: [Self.attr], failures: [])
        let reply = SessionReply.refreshOK(outcome)
        #expect(try JSONParser.parse(reply.bytes) == reply.json)
        let withoutAttrs = SessionReply.refreshOK(
            RefreshOutcome(processedTxID: processedTxID, computations: [], attrs: nil, failures: []))
        #expect(try JSONParser.parse(withoutAttrs.bytes) == withoutAttrs.json)
    }
}
