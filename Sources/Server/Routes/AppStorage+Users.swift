import Engine

/// User lookups for request authentication (admin impersonation): a short read of the
/// app's state under its lock, once the app is loaded (off the concurrency pool).
extension AppStorage {
    /// The user owning `refreshToken` in `app`.
    func user(app: EntityID, refreshToken: EntityID) async throws(InstantError) -> AppUser? {
        try await database(app: app).read { state in state.user(refreshToken: refreshToken) }
    }

    /// The user with exactly this email in `app`.
    func user(app: EntityID, email: String) async throws(InstantError) -> AppUser? {
        try await database(app: app).read { state in state.user(email: email) }
    }
}
