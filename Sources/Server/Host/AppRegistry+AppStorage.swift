import Engine

/// The engine's registry is the routes' storage: it already has the shape `AppStorage` asks for.
extension AppRegistry: AppStorage {
    /// The app's database, loading it on first use; load failures in the client's error shape.
    public func database(app: EntityID) throws(InstantError) -> AppDatabase {
        do {
            return try database(for: app)
        } catch {
            throw .storageFailed(error)
        }
    }
}
