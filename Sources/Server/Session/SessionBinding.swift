import Engine

/// What a successful `init` bound the session to (protocol-session §5.1): the app and who
/// the session acts as.
struct SessionBinding: Sendable, Equatable {
    /// The app, as `init-ok.auth.app` reports it.
    var app: AppRecord
    /// The identity queries and transactions run as: `.admin` with a valid
    /// `__admin-token`, otherwise anonymous until the auth issue resolves refresh tokens.
    var identity: Identity
}
