import Engine
import Foundation
import Synchronization

/// The list of apps a server knows, with their admin tokens, and which one is the default.
///
/// Stored in `<data-dir>/apps.json` plus an append-only `<data-dir>/apps.journal` with one
/// line per change since (see `AppDirectory+Storage`): creating an app appends one line
/// instead of rewriting the whole list, so it stays cheap however many ephemeral apps a data
/// directory has collected. The journal is folded into `apps.json` at the next start.
/// In memory only when there is no data directory.
public final class AppDirectory: Sendable {
    /// The apps and the default, owned by the mutex.
    struct State {
        var apps: [EntityID: AppRecord] = [:]
        var defaultApp: EntityID?
    }

    /// Where the list lives; nil in memory.
    let files: Files?
    /// See `State`. Changes are journaled while the lock is held, so the journal's order is
    /// the order the changes happened in.
    private let state: Mutex<State>

    /// Why the directory could not be read or written.
    public enum Failure: Error, Equatable {
        case unreadable(path: String)
        case unwritable(path: String)

        /// One sentence for the user, as the command prints it.
        public var sentence: String {
            switch self {
            case .unreadable(let path): "Cannot read the app list \(path): it is not the JSON instant-local writes."
            case .unwritable(let path): "Cannot write the app list \(path)."
            }
        }
    }

    /// Opens the list in `dataDirectory` (which must exist), or an in-memory list for nil.
    public init(dataDirectory: URL?) throws(Failure) {
        guard let dataDirectory else {
            files = nil
            state = Mutex(State())
            return
        }
        let (files, loaded) = try Files.open(in: dataDirectory)
        self.files = files
        state = Mutex(loaded)
    }

    deinit {
        files?.close()
    }

    /// The app with this id.
    public func app(_ id: EntityID) -> AppRecord? {
        state.withLock { $0.apps[id] }
    }

    /// Every app, oldest first.
    public var all: [AppRecord] {
        state.withLock { $0.apps.values.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) } }
    }

    /// The default app, created on first use (the one `instant-local` prints).
    public func defaultApp(now: Int64) throws(Failure) -> AppRecord {
        let existing = state.withLock { s in s.defaultApp.flatMap { s.apps[$0] } }
        if let existing { return existing }
        let record = AppRecord(id: .random(), title: "instant-local", adminToken: .random(), createdAt: now)
        try insert(record, makeDefault: true)
        return record
    }

    /// Adds an app. Returns false when the id is taken.
    @discardableResult
    public func insert(_ record: AppRecord, makeDefault: Bool = false) throws(Failure) -> Bool {
        try change(.insert(record, isDefault: makeDefault)) { s in s.apps[record.id] == nil }
    }

    /// Changes an app's title.
    public func rename(_ id: EntityID, title: String) throws(Failure) -> AppRecord? {
        guard try change(.rename(id, title: title), if: { s in s.apps[id] != nil }) else { return nil }
        return app(id)
    }

    /// Forgets an app; its data directory is removed by the caller.
    public func remove(_ id: EntityID) throws(Failure) -> AppRecord? {
        var removed: AppRecord?
        _ = try change(.remove(id)) { s in
            removed = s.apps[id]
            return removed != nil
        }
        return removed
    }

    /// Folds the journal into `apps.json` now, as the next start would; a clean shutdown
    /// calls it so the data directory holds the whole list in one readable file.
    public func compact() throws(Failure) {
        try state.withLock { s throws(Failure) in
            guard let files else { return }
            try Files.write(s, to: files.list)
            try files.truncateJournal()
        }
    }

    /// Applies `change` when `condition` holds, journaling it first so the file never falls
    /// behind what clients were told.
    private func change(_ change: Change, if condition: (State) -> Bool) throws(Failure) -> Bool {
        try state.withLock { s throws(Failure) -> Bool in
            guard condition(s) else { return false }
            try files?.append(change)
            change.apply(to: &s)
            return true
        }
    }
}
