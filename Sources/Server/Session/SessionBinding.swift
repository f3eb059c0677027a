import Engine

/// What a successful `init` bound the session to (protocol-session §5.1): the app and who
/// the session acts as.
struct SessionBinding: Sendable, Equatable {
    /// The app, as `init-ok.auth.app` reports it.
    var app: AppRecord
    /// The identity queries and transactions run as: `.admin` with a valid
    /// `__admin-token`, `.user` with a valid `refresh-token`, otherwise anonymous.
    var identity: Identity
    /// The signed-in user's record, as `init-ok.auth.user` reports it (§5.2).
    var user: JSONValue? = nil
}
