import Engine
import Wire

/// `GET`/`POST /runtime/sse` (protocol-session §2.2): the browser session over an event
/// stream downstream and JSON POSTs upstream, for clients built with an `EventSource`.
extension Router {
    /// Opens a session whose replies are the events of the response; the first event is
    /// `sse-init`, carrying the session id and the token later POSTs must present.
    func runtimeSSEOpen(_ request: APIRequest) -> APIResponse {
        let session = EntityID.random()
        let token = EntityID.random()
        let outlet = SSEOutlet()
        let host = SessionHost(apps: apps, storage: storage, scheduler: sessions)
        let inbox = sessions.open(session: session, app: request.query["app_id"], sseToken: token) { inbox in
            SessionLane(id: session, host: host, connection: outlet, inbox: inbox)
        }
        let opening: JSONValue = [
            "op": "sse-init", "machine-id": JSONValue(LiveQueryMessages.machineID),
            "session-id": JSONValue(session), "sse-token": JSONValue(token),
        ]
        let first = ServerSentEvent.retry + ServerSentEvent.data(opening.jsonBytes)
        let opened = OnceFlag()
        let ending = SSESessionEnding(outlet: outlet, inbox: inbox)
        let stream = AsyncStream<[UInt8]>(
            unfolding: {
                if opened.set() { return first }
                if let chunk = await outlet.nextChunk() { return chunk }
                ending.end()
                return nil
            },
            onCancel: { ending.end() })
        return APIResponse(events: stream)
    }

    /// Feeds a POST's `messages` to its session, in order (§2.2); the replies go out on
    /// the event stream, the POST itself is answered `{}`.
    func runtimeSSEPost(_ request: APIRequest) throws(InstantError) -> APIResponse {
        let body = try request.jsonBody()
        guard let session = body["session_id"]?.entityID, let inbox = sessions.inbox(of: session),
            let token = inbox.sseToken, body["sse_token"]?.entityID == token
        else {
            throw InstantError(
                .recordNotFound, "Record not found: sse-session",
                hint: ["record-type": "sse-session", "input": body["session_id"] ?? .null])
        }
        guard let messages = body["messages"]?.arrayValue else {
            throw InstantError(
                .paramMalformed, "Malformed parameter: [\"body\" \"messages\"]",
                hint: ["in": ["body", "messages"], "original-input": body["messages"] ?? .null])
        }
        for message in messages {
            let text = String(decoding: message.jsonBytes, as: UTF8.self)
            switch inbox.post(.text(text)) {
            case .queued:
                continue
            case .groupFull, .finished:
                throw InstantError(.rateLimited, "Too many unprocessed messages on this session")
            }
        }
        return APIResponse(body: [:])
    }
}
