import Engine

/// A parsed `init` (protocol-session §5.1), for the shell to resolve against the app list.
struct SessionInitRequest: Sendable, Equatable {
    /// The authoritative app id (`app-id`).
    var appID: EntityID
    /// `__admin-token`, when sent: a valid one makes the session an admin session.
    var adminToken: String?
    /// `refresh-token`, when sent: the session acts as the user owning it.
    var refreshToken: String?
    /// The message, for the reply's `client-event-id` and an error's `original-event`.
    var request: SessionRequest
}
