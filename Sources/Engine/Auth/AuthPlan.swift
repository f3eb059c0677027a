/// A sign-in worked out against the app's current state: the steps that commit it and
/// who it signs in. Built under the app's lock inside `transact(build:)`, so the lookups
/// and the writes they lead to are one atomic step (a code is consumed exactly once).
public struct AuthPlan: Sendable {
    /// The steps to commit with `TransactionContext.system`.
    public var steps: [TxStep]
    /// The `$users` row signed in.
    public var userID: EntityID
    /// Whether the row is new (`created` in the answers of protocol-http §8.4).
    public var created: Bool
    /// The refresh token issued (not stored: only its hash is).
    public var refreshToken: EntityID
    /// For a new user, the data a `$users` `create` rule sees (`{id, email?, …extra}`,
    /// upstream's `build-user-data`); nil when no row is created.
    public var signUpData: JSONValue?
}
