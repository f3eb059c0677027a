import Engine

/// One message a client sent, kept as received: replies echo its `client-event-id`, and an
/// `error` carries the whole message as `original-event` (protocol-session §1.4, §5.3).
struct SessionRequest: Sendable, Equatable {
    /// The message exactly as parsed; `null` when the frame was not JSON at all.
    var message: JSONValue

    /// The `client-event-id` to echo, or nil when the message had none.
    var clientEventID: JSONValue? { message["client-event-id"] }

    /// The `op` field as sent, for the "Invalid op" hint.
    var op: JSONValue { message["op"] ?? .null }

    /// A request that stands for a subscription failing later, during a refresh: the client
    /// routes the error to that query's subscribers by `original-event.op` and `.q` (§5.3
    /// item 2).
    static func refreshFailure(of query: JSONValue) -> SessionRequest {
        SessionRequest(message: ["op": .string(ClientOp.addQuery.rawValue), "q": query])
    }
}
