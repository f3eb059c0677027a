/// The ops this server sends on a session (protocol-session §5–§7): the one place their
/// kebab-case names are spelled (STYLE §3).
enum ServerOp: String, Sendable {
    /// Answers `init` (§5.2).
    case initOK = "init-ok"
    /// Answers a new `add-query` with its result (§6.2).
    case addQueryOK = "add-query-ok"
    /// Answers an `add-query` the session already holds (§6.3).
    case addQueryExists = "add-query-exists"
    /// Answers `remove-query` (§6.4).
    case removeQueryOK = "remove-query-ok"
    /// Answers a committed `transact` (§7.3).
    case transactOK = "transact-ok"
    /// Pushes changed results and the catalogue after commits (§6.5).
    case refreshOK = "refresh-ok"
    /// The single failure reply of every op (§5.3).
    case error
}
