import Engine
import Foundation
import Synchronization

/// The list of apps a server knows, with their admin tokens, and which one is the default.
///
/// Kept in `<data-dir>/apps.json`, rewritten atomically on every change (apps are
/// created rarely; their data lives in per-app directories owned by the engine).
/// In memory only when there is no data directory.
public final class AppDirectory: Sendable {
    private struct State {
        var apps: [EntityID: AppRecord] = [:]
        var defaultApp: EntityID?
    }

    private let file: URL?
    private let state: Mutex<State>

    /// Why the directory could not be read or written.
    public enum Failure: Error, Equatable {
        case unreadable(path: String)
        case unwritable(path: String)
    }

    /// Opens the list in `dataDirectory` (created if needed), or an in-memory list for nil.
    public init(dataDirectory: URL?) throws(Failure) {
        guard let dataDirectory else {
            file = nil
            state = Mutex(State())
            return
        }
        let file = dataDirectory.appendingPathComponent("apps.json")
        self.file = file
        var loaded = State()
        if let data = FileManager.default.contents(atPath: file.path) {
            guard let json = try? JSONParser.parse(Array(data)), case .array(let rows)? = json["apps"] else {
                throw .unreadable(path: file.path)
            }
            for row in rows {
                if let record = AppRecord(stored: row) { loaded.apps[record.id] = record }
            }
            loaded.defaultApp = json["default"]?.entityID
        }
        state = Mutex(loaded)
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
        try state.withLock { s throws(Failure) -> Bool in
            guard s.apps[record.id] == nil else { return false }
            var next = s
            next.apps[record.id] = record
            if makeDefault { next.defaultApp = record.id }
            try AppDirectory.persist(next, to: file)
            s = next
            return true
        }
    }

    /// Changes an app's title.
    public func rename(_ id: EntityID, title: String) throws(Failure) -> AppRecord? {
        try state.withLock { s throws(Failure) -> AppRecord? in
            guard var record = s.apps[id] else { return nil }
            record.title = title
            var next = s
            next.apps[id] = record
            try AppDirectory.persist(next, to: file)
            s = next
            return record
        }
    }

    /// Forgets an app; its data directory is removed by the caller.
    public func remove(_ id: EntityID) throws(Failure) -> AppRecord? {
        try state.withLock { s throws(Failure) -> AppRecord? in
            var next = s
            guard let record = next.apps.removeValue(forKey: id) else { return nil }
            if next.defaultApp == id { next.defaultApp = nil }
            try AppDirectory.persist(next, to: file)
            s = next
            return record
        }
    }

    /// Writes the list while the lock is held, so files never go back in time.
    private static func persist(_ snapshot: State, to file: URL?) throws(Failure) {
        guard let file else { return }
        let rows = snapshot.apps.values.sorted { $0.createdAt < $1.createdAt }.map(\.stored)
        var doc = JSONObject()
        doc["apps"] = .array(rows)
        doc["default"] = snapshot.defaultApp.map { JSONValue($0) } ?? .null
        do {
            try Data(JSONValue.object(doc).jsonBytes).write(to: file, options: .atomic)
        } catch {
            throw .unwritable(path: file.path)
        }
    }
}
