import Engine

/// Dispatching client messages (protocol-session §5–§7).
extension Session {
    /// A client message arrived.
    mutating func received(_ message: JSONValue) -> [Action] {
        let request = SessionRequest(message: message)
        guard case .object = message else {
            return receivedUnreadable(message, detail: "expected a JSON object, got \(message.kindName)")
        }
        guard let name = message["op"]?.stringValue, let op = ClientOp(rawValue: name) else {
            return [.reply(.error(.invalidOp(request)))]
        }
        switch (phase, op) {
        case (.awaitingInit, .initialize):
            return receivedInit(request)
        case (.initializing, .initialize), (.active, .initialize):
            return [.reply(.error(.initAlreadyRan(request)))]
        case (.awaitingInit, .addQuery), (.awaitingInit, .removeQuery), (.awaitingInit, .transact),
            (.initializing, .addQuery), (.initializing, .removeQuery), (.initializing, .transact):
            return [.reply(.error(.initNotRun(request)))]
        case (.active(let binding), .addQuery):
            guard let query = message["q"], case .object = query else {
                return [.reply(.error(.invalidQuery(request)))]
            }
            return [.subscribe(query: query, binding: binding, request: request)]
        case (.active, .removeQuery):
            guard let query = message["q"] else { return [.reply(.error(.parameter("q", of: request)))] }
            return [.unsubscribe(query: query, request: request)]
        case (.active(let binding), .transact):
            do throws(InstantError) {
                let steps = try TxStep.parse(message["tx-steps"] ?? .null)
                return [.transact(steps: steps, binding: binding, request: request)]
            } catch {
                return [.reply(.error(SessionError(error: error, request: request)))]
            }
        }
    }

    /// `init`: `app-id` must be a UUID; the tokens are optional strings (§5.1).
    private mutating func receivedInit(_ request: SessionRequest) -> [Action] {
        guard let appID = request.message["app-id"]?.entityID else {
            return [.reply(.error(.parameter("app-id", of: request)))]
        }
        phase = .initializing
        let initialize = SessionInitRequest(
            appID: appID, adminToken: request.message["__admin-token"]?.stringValue,
            refreshToken: request.message["refresh-token"]?.stringValue, request: request)
        return [.initialize(initialize)]
    }
}
