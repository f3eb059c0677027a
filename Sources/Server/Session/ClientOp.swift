/// The ops a client sends that this server handles (protocol-session §5–§7): the one place
/// their kebab-case names are spelled (STYLE §3).
///
/// Anything else, including the server-internal names of §12 and the room and stream ops
/// of §9–§10 (a later issue), is answered with the "Invalid op" error of §5.3.
enum ClientOp: String, Sendable, CaseIterable {
    /// Binds the session to an app and user (§5.1).
    case initialize = "init"
    /// Subscribes to a query (§6.1).
    case addQuery = "add-query"
    /// Drops a subscription (§6.4).
    case removeQuery = "remove-query"
    /// Commits tx-steps (§7.1).
    case transact
}
