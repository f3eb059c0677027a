import Engine

/// A message this server sends on a session, as typed data (protocol-session §5–§7);
/// `json` renders the wire form.
enum SessionReply: Sendable, Equatable {
    /// `init-ok` (§5.2).
    case initOK(clientEventID: JSONValue?, sessionID: EntityID, attrs: [Attr], binding: SessionBinding)
    /// `add-query-ok`: `query` echoed exactly as received (§6.2, §15).
    case addQueryOK(clientEventID: JSONValue?, query: JSONValue, snapshot: QuerySnapshot)
    /// `add-query-exists` (§6.3).
    case addQueryExists(clientEventID: JSONValue?, query: JSONValue)
    /// `remove-query-ok` (§6.4).
    case removeQueryOK(clientEventID: JSONValue?, query: JSONValue)
    /// `transact-ok` (§7.3).
    case transactOK(clientEventID: JSONValue?, txID: Int64)
    /// `refresh-ok` with the changed results and, after a schema change, the catalogue (§6.5).
    case refreshOK(RefreshOutcome)
    /// `error` (§5.3).
    case error(SessionError)
}
