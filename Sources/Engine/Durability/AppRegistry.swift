import Synchronization

/// The apps of one data directory, one subdirectory per app id, loaded on first use
/// (server-architecture §7.2: idle apps are closed and reloaded on demand).
///
/// Stored apps cost nothing until asked for. `unloadIdle(olderThan:)` drops the
/// registry's hold on apps nobody asked for lately; an app still held elsewhere (a
/// session) stays alive and is handed out again rather than loaded twice, so two
/// instances never append to one log. Without a directory every app lives in memory
/// and is never unloaded.
public final class AppRegistry: Sendable {
    /// The data directory, or nil in memory.
    public let directory: String?
    /// Options every app is opened with.
    let options: DurabilityOptions
    /// The clock every app stamps transactions with.
    let clock: WallClock
    private let handles = Mutex<[EntityID: AppHandle]>([:])

    /// A registry over `directory` (created on first use), or in memory when nil.
    public init(directory: String?, options: DurabilityOptions = DurabilityOptions(), clock: WallClock = .system) {
        self.directory = directory
        self.options = options
        self.clock = clock
    }

    /// The directory of one app.
    public func directory(for appID: EntityID) -> String? {
        directory.map { $0 + "/" + appID.uuidString }
    }

    /// The app's database, loading (or creating) it on first use.
    public func database(for appID: EntityID) throws(DurabilityError) -> AppDatabase {
        let handle = handle(for: appID)
        let path = directory(for: appID)
        let (options, clock) = (self.options, self.clock)
        return try handle.database { () throws(DurabilityError) in
            guard let path else { return AppDatabase(clock: clock) }
            return try AppDatabase(directory: path, options: options, clock: clock)
        }
    }

    /// Apps stored in the directory (loaded or not), or the loaded ones in memory.
    public func storedAppIDs() throws(DurabilityError) -> [EntityID] {
        guard let directory else { return loadedAppIDs }
        try SystemFile.makeDirectories(directory)
        return try SystemFile.list(directory).compactMap { EntityID(canonical: $0) }.sorted()
    }

    /// Apps the registry currently holds in memory.
    public var loadedAppIDs: [EntityID] {
        handles.withLock { $0.filter { $0.value.isLoaded }.map(\.key) }.sorted()
    }

    /// Drops apps not asked for within `age`; returns how many were released.
    /// Their memory is freed once no one else holds them.
    @discardableResult
    public func unloadIdle(olderThan age: Duration) -> Int {
        guard directory != nil else { return 0 }
        let deadline = ContinuousClock.now - age
        let all = handles.withLock { Array($0.values) }
        return all.reduce(0) { $0 + ($1.release(ifUnusedSince: deadline) ? 1 : 0) }
    }

    /// The app's handle, created on first use.
    func handle(for appID: EntityID) -> AppHandle {
        handles.withLock { $0[appID] ?? AppHandle.inserted(into: &$0, for: appID) }
    }

    /// Forgets an app's handle, returning it so the caller can close it.
    func removeHandle(for appID: EntityID) -> AppHandle? {
        handles.withLock { $0.removeValue(forKey: appID) }
    }

    /// Finishes queued writes of every loaded app and closes their logs.
    public func close() {
        let all = handles.withLock { Array($0.values) }
        for handle in all { handle.close() }
    }
}
