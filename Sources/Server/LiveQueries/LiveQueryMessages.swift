import Engine

/// The session messages an admin live query sends over SSE (protocol-http §6.4), in the
/// shapes both admin SDKs read.
enum LiveQueryMessages {
    /// Identifies this server process in `sse-init` (clients only store it).
    static let machineID = EntityID.random()

    /// `sse-init`: must come first; the Python SDK treats it as "connected".
    static func sseInit(session: EntityID) -> JSONValue {
        [
            "op": "sse-init", "machine-id": JSONValue(machineID), "session-id": JSONValue(session),
            "sse-token": JSONValue(EntityID.random()), "trace-id": .string(traceID()),
        ]
    }

    /// `add-query-ok` with the tree and `result-meta` (page-info read only from there).
    static func addQueryOK(query: JSONValue, snapshot: QuerySnapshot) -> JSONValue {
        [
            "op": "add-query-ok", "q": query, "result": snapshot.result,
            "result-meta": snapshot.resultMeta ?? emptyMeta, "processed-tx-id": txID(snapshot.processedTxID),
            "client-event-id": JSONValue(EntityID.random()),
        ]
    }

    /// `refresh-ok` with one computation per changed result (clients read the first).
    static func refreshOK(_ outcome: RefreshOutcome) -> JSONValue {
        let computations = outcome.computations.map { computation -> JSONValue in
            [
                "instaql-query": computation.query, "instaql-result": computation.result,
                "result-meta": computation.resultMeta ?? emptyMeta,
            ]
        }
        return [
            "op": "refresh-ok", "processed-tx-id": txID(outcome.processedTxID), "computations": .array(computations),
        ]
    }

    /// The session `error` envelope (protocol-session §5.3) for a query that failed.
    static func error(_ error: InstantError, query: JSONValue) -> JSONValue {
        var o = error.json.objectValue ?? JSONObject()
        o["op"] = "error"
        o["status"] = .int(Int64(APIResponse.status(for: error.kind)))
        if o["hint"] == nil { o["hint"] = .null }
        o["client-event-id"] = JSONValue(EntityID.random())
        o["original-event"] = ["op": "add-query", "q": query, "return-type": "tree"]
        return .object(o)
    }

    private static let emptyMeta: JSONValue = ["page-info": [:], "aggregate": [:]]

    private static func txID(_ id: Int64?) -> JSONValue {
        id.map { .int($0) } ?? .null
    }

    /// 16 hex digits, like upstream's trace ids.
    private static func traceID() -> String {
        String(EntityID.random().uuidString.filter { $0 != "-" }.prefix(16))
    }
}
