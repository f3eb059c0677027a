import Engine

/// User lookups for request authentication: a short read of the app's state under its
/// lock, so they need no suspension (admin impersonation, socket `init`).
extension AppStorage {
    /// The user owning `refreshToken` in `app`.
    func user(app: EntityID, refreshToken: EntityID) throws(InstantError) -> AppUser? {
        try database(app: app).read { state in state.user(refreshToken: refreshToken) }
    }

    /// The user with exactly this email in `app`.
    func user(app: EntityID, email: String) throws(InstantError) -> AppUser? {
        try database(app: app).read { state in state.user(email: email) }
    }
}
