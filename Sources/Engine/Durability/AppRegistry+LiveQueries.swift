/// The registry hands out app databases themselves for live queries (admin SSE,
/// sessions): a subscription stays attached to one `AppDatabase`, whose lock orders its
/// evaluations with the app's commits.
extension AppRegistry {
    /// The app's database, loading it on first use (off the concurrency pool, as
    /// `loadDatabase`); load failures in the client's error shape. Holding it keeps the
    /// app loaded while its subscribers live.
    public func database(app: EntityID) async throws(InstantError) -> AppDatabase {
        do {
            return try await loadDatabase(for: app)
        } catch {
            throw .storageFailed(error)
        }
    }
}
