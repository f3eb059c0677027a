import Synchronization

/// The registry's slot for one app id: the loaded database, if any, and when it was
/// last asked for. Loading happens under the slot's own lock, so a large app loading
/// never blocks lookups of other apps.
final class AppHandle: Sendable {
    private struct Slot {
        /// The registry's hold; nil while unloaded.
        var loaded: AppDatabase?
        /// The instance last handed out, kept while anyone still holds it.
        weak var lastHandedOut: AppDatabase?
        /// The log of the last instance, alive while it still has queued work (a
        /// background snapshot); a reload waits for it so two logs never overlap.
        weak var lastLog: AppLog?
        var lastUsed: ContinuousClock.Instant
    }

    private let slot = Mutex(Slot(loaded: nil, lastHandedOut: nil, lastLog: nil, lastUsed: .now))

    /// Creates a handle and stores it under `appID`.
    static func inserted(into table: inout [EntityID: AppHandle], for appID: EntityID) -> AppHandle {
        let handle = AppHandle()
        table[appID] = handle
        return handle
    }

    /// The database, reusing a live instance or loading one with `load`.
    func database(load: () throws(DurabilityError) -> AppDatabase) throws(DurabilityError) -> AppDatabase {
        try slot.withLock { (s) throws(DurabilityError) -> AppDatabase in
            s.lastUsed = .now
            if let database = s.loaded ?? s.lastHandedOut {
                s.loaded = database
                return database
            }
            s.lastLog?.close()
            let database = try load()
            s.loaded = database
            s.lastHandedOut = database
            s.lastLog = database.log
            return database
        }
    }

    /// The database if an instance is alive, without loading.
    func loadedDatabase() -> AppDatabase? {
        slot.withLock { s in
            guard let database = s.loaded ?? s.lastHandedOut else { return nil }
            s.lastUsed = .now
            s.loaded = database
            return database
        }
    }

    /// Whether the registry holds the database.
    var isLoaded: Bool { slot.withLock { $0.loaded != nil } }

    /// Drops the registry's hold if the app was not asked for since `deadline`.
    func release(ifUnusedSince deadline: ContinuousClock.Instant) -> Bool {
        slot.withLock { s in
            guard s.loaded != nil, s.lastUsed <= deadline else { return false }
            s.loaded = nil
            return true
        }
    }

    /// Closes the loaded database, if any.
    func close() {
        let database = slot.withLock { $0.loaded ?? $0.lastHandedOut }
        database?.close()
    }
}
