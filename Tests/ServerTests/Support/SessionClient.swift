import Engine
import Foundation
import TestSupport
import Testing
import Wire

/// A session-protocol client over the Swift WebSocket test client: JSON messages in and
/// out, with the ids the real client would attach.
struct SessionClient {
    /// The socket.
    let socket: WebSocketTestClient

    /// Opens `/runtime/session?app_id=…` on `server` (protocol-session §2.1).
    static func connect(_ server: TestServer) async throws -> SessionClient {
        let socket = try await WebSocketTestClient.connect(
            port: server.endpoint.port, path: "/runtime/session?app_id=\(server.appID.uuidString)")
        return SessionClient(socket: socket)
    }

    /// A fresh lowercase `client-event-id`.
    static func eventID() -> JSONValue {
        .string(UUID().uuidString.lowercased())
    }

    /// Sends one message.
    func send(_ message: JSONValue) async throws {
        try await socket.send(json: message)
    }

    /// The next message.
    func receive(timeout: Duration = WebSocketTestClient.defaultTimeout) async throws -> JSONValue {
        try await socket.receiveJSON(timeout: timeout)
    }

    /// The next message within `window`, or nil: for asserting silence.
    func receiveIfAny(within window: Duration = .milliseconds(300)) async throws -> JSONValue? {
        guard let text = try await socket.receiveTextIfAny(within: window) else { return nil }
        return try JSONParser.parse(text)
    }

    /// Sends `message` and returns the next message received.
    func request(_ message: JSONValue) async throws -> JSONValue {
        try await send(message)
        return try await receive()
    }

    /// `init` as the real client sends it (jsclient transcripts) and its `init-ok`.
    @discardableResult
    func initialize(_ appID: EntityID, extra: [(String, JSONValue)] = []) async throws -> JSONValue {
        var message: JSONObject = [
            "client-event-id": Self.eventID(), "op": "init", "app-id": JSONValue(appID),
            "versions": ["@instantdb/core": "v1.0.65"],
        ]
        for (key, value) in extra { message[key] = value }
        let reply = try await request(.object(message))
        #expect(reply["op"] == "init-ok", "\(reply)")
        return reply
    }

    /// `add-query` for `query`; returns the reply.
    func addQuery(_ query: JSONValue, eventID: JSONValue = eventID()) async throws -> JSONValue {
        try await request(["op": "add-query", "client-event-id": eventID, "q": query])
    }

    /// `transact` with raw tx-steps; returns the reply (`transact-ok` or `error`).
    func transact(_ steps: JSONValue, eventID: JSONValue = eventID()) async throws -> JSONValue {
        try await request(["op": "transact", "client-event-id": eventID, "tx-steps": steps, "created": 1, "order": 1])
    }

    /// Closes the connection.
    func close() async {
        await socket.disconnect()
    }
}
