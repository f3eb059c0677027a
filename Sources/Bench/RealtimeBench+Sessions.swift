import Engine
import Foundation
import TestSupport

/// Seeding, sessions and small helpers of the realtime bench.
extension RealtimeBench {
    /// Entity ids the bench writes to.
    struct SeededItems: Sendable {
        var hot: [String]
        var cold: [String]
    }

    /// Creates `hot` items (bucket "hot") and `cold` others (bucket "cold") over admin HTTP.
    static func seed(port: Int, app: String, token: String, hot: Int, cold: Int) throws -> SeededItems {
        let items = SeededItems(
            hot: (0..<hot).map { _ in EntityID.random().uuidString.lowercased() },
            cold: (0..<cold).map { _ in EntityID.random().uuidString.lowercased() })
        let steps: [JSONValue] =
            items.hot.map { ["update", "items", .string($0), ["bucket": "hot", "value": 0]] }
            + items.cold.map { ["update", "others", .string($0), ["bucket": "cold", "value": 0]] }
        let response = try HTTPTestClient(port: port).requestBlocking(
            "POST", "/admin/transact", headers: ["app-id": app, "authorization": "Bearer \(token)"],
            json: ["steps": .array(steps)])
        guard response.status == 200 else { throw Failure.unexpected("seeding answered \(response.status)") }
        return items
    }

    /// A session that ran `init` on `app`.
    static func session(port: Int, app: String) throws -> (BenchWebSocket, JSONValue) {
        let socket = try BenchWebSocket(port: port, path: "/runtime/session?app_id=\(app)")
        try socket.send([
            "op": "init", "client-event-id": .string(UUID().uuidString.lowercased()), "app-id": .string(app),
        ])
        let reply = try JSONParser.parse(try socket.receive())
        guard reply["op"] == "init-ok" else { throw Failure.unexpected("init answered \(reply)") }
        return (socket, reply)
    }

    /// A session subscribed to `query`.
    static func subscriber(port: Int, app: String, query: JSONValue) throws -> BenchWebSocket {
        let (socket, _) = try session(port: port, app: app)
        try socket.send(["op": "add-query", "client-event-id": .string(UUID().uuidString.lowercased()), "q": query])
        let reply = try socket.receive()
        guard isOp(reply, "add-query-ok") else {
            throw Failure.unexpected("add-query answered \(String(decoding: reply, as: UTF8.self))")
        }
        return socket
    }

    /// A session that writes, and the id of the `items.value` attr its steps use.
    static func writerSession(port: Int, app: String) throws -> (BenchWebSocket, String) {
        let (socket, initOK) = try session(port: port, app: app)
        let attr = initOK["attrs"]?.arrayValue?.first {
            $0["forward-identity"]?.arrayValue?.dropFirst().compactMap(\.stringValue) == ["items", "value"]
        }
        guard let id = attr?["id"]?.stringValue else { throw Failure.unexpected("no items.value attr in init-ok") }
        return (socket, id)
    }

    /// A `transact` setting one item's value.
    static func transact(item: String, attr: String, value: Int) -> JSONValue {
        [
            "op": "transact", "client-event-id": .string(UUID().uuidString.lowercased()),
            "tx-steps": [["add-triple", .string(item), .string(attr), .int(Int64(value))]],
        ]
    }

    /// Whether a server message has `op`; the server writes `op` first, so the prefix
    /// decides without parsing the whole (possibly large) message.
    static func isOp(_ message: [UInt8], _ op: String) -> Bool {
        message.starts(with: Array("{\"op\":\"\(op)\"".utf8))
    }

    /// The `fraction` percentile of `values` (nearest rank).
    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    /// Milliseconds with one decimal.
    static func ms(_ value: Double) -> String {
        String(format: "%.1f ms", value)
    }
}
