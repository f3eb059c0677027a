import Engine

/// The wire form of each reply: compact JSON objects with upstream's keys
/// (protocol-session §1.2).
extension SessionReply {
    /// The message as JSON.
    var json: JSONValue {
        switch self {
        case .initOK(let clientEventID, let sessionID, let attrs, let binding):
            var auth = JSONObject()
            auth["app"] = ["id": JSONValue(binding.app.id), "title": .string(binding.app.title)]
            auth["user"] = binding.user ?? .null
            auth["admin?"] = .bool(binding.identity.isAdmin)
            return Self.message(
                .initOK, clientEventID,
                [
                    ("session-id", JSONValue(sessionID)),
                    ("attrs", .array(attrs.map(\.json))),
                    ("app-status", ["status": "active"]),
                    ("auth", .object(auth)),
                ])
        case .addQueryOK(let clientEventID, let query, let snapshot):
            return Self.message(
                .addQueryOK, clientEventID,
                [
                    ("q", query), ("result", snapshot.result),
                    ("processed-tx-id", Self.txID(snapshot.processedTxID)),
                    ("result-meta", snapshot.resultMeta ?? .null),
                ])
        case .addQueryExists(let clientEventID, let query):
            return Self.message(.addQueryExists, clientEventID, [("q", query)])
        case .removeQueryOK(let clientEventID, let query):
            return Self.message(.removeQueryOK, clientEventID, [("q", query)])
        case .transactOK(let clientEventID, let txID):
            return Self.message(.transactOK, clientEventID, [("tx-id", .int(txID))])
        case .refreshOK(let outcome):
            let computations = outcome.computations.map { computation -> JSONValue in
                ["instaql-query": computation.query, "instaql-result": computation.result]
            }
            var members: [(String, JSONValue)] = [
                ("processed-tx-id", Self.txID(outcome.processedTxID)), ("computations", .array(computations)),
            ]
            if let attrs = outcome.attrs { members.append(("attrs", .array(attrs.map(\.json)))) }
            return Self.message(.refreshOK, nil, members)
        case .error(let error):
            return error.json
        }
    }

    /// `{"op": …, "client-event-id": …, members…}`; the id is left out when the request
    /// had none.
    static func message(_ op: ServerOp, _ clientEventID: JSONValue?, _ members: [(String, JSONValue)]) -> JSONValue {
        var object = JSONObject()
        object["op"] = .string(op.rawValue)
        if let clientEventID { object["client-event-id"] = clientEventID }
        for (key, value) in members { object[key] = value }
        return .object(object)
    }

    /// A tx id as a JSON number, or null before the app's first transaction (§14 item 2).
    private static func txID(_ id: Int64?) -> JSONValue {
        id.map { .int($0) } ?? .null
    }
}
