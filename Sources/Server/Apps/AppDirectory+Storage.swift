import Engine
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The app list on disk: `apps.json` (the whole list at the last start) and `apps.journal`
/// (one JSON line per change since).
///
/// Opening replays the journal onto `apps.json`, writes the result to `apps.json`
/// atomically, then empties the journal. Replay is idempotent (every line sets absolute
/// values), so a crash between those two steps only replays the same lines again. A torn last
/// line, from a crash in the middle of an append, is ignored.
extension AppDirectory {
    /// One change to the list, as journaled.
    enum Change {
        /// An app was created, possibly as the default app.
        case insert(AppRecord, isDefault: Bool)
        /// An app's title changed.
        case rename(EntityID, title: String)
        /// An app was deleted.
        case remove(EntityID)

        /// The journal line, without its newline.
        var json: JSONValue {
            switch self {
            case .insert(let record, let isDefault): ["insert": record.stored, "default": .bool(isDefault)]
            case .rename(let id, let title): ["rename": JSONValue(id), "title": .string(title)]
            case .remove(let id): ["remove": JSONValue(id)]
            }
        }

        /// Reads a journal line; nil for anything else (a torn or foreign line).
        init?(json: JSONValue) {
            if let stored = json["insert"], let record = AppRecord(stored: stored) {
                self = .insert(record, isDefault: json["default"]?.boolValue ?? false)
            } else if let id = json["rename"]?.entityID, let title = json["title"]?.stringValue {
                self = .rename(id, title: title)
            } else if let id = json["remove"]?.entityID {
                self = .remove(id)
            } else {
                return nil
            }
        }

        /// Applies the change to the in-memory list.
        func apply(to state: inout State) {
            switch self {
            case .insert(let record, let isDefault):
                state.apps[record.id] = record
                if isDefault { state.defaultApp = record.id }
            case .rename(let id, let title):
                state.apps[id]?.title = title
            case .remove(let id):
                state.apps[id] = nil
                if state.defaultApp == id { state.defaultApp = nil }
            }
        }
    }

    /// The two files, and the journal open for appending.
    struct Files: Sendable {
        /// `apps.json`.
        let list: URL
        /// `apps.journal`.
        let journal: URL
        /// The journal's descriptor, opened with `O_APPEND`.
        let journalDescriptor: Int32

        /// Loads the list in `directory`, folds the journal into `apps.json`, and opens an
        /// empty journal for the changes to come.
        static func open(in directory: URL) throws(Failure) -> (Files, State) {
            let list = directory.appendingPathComponent("apps.json")
            let journal = directory.appendingPathComponent("apps.journal")
            var state = State()
            if let data = FileManager.default.contents(atPath: list.path) {
                guard let json = try? JSONParser.parse(Array(data)), case .array(let rows)? = json["apps"] else {
                    throw .unreadable(path: list.path)
                }
                for row in rows {
                    if let record = AppRecord(stored: row) { state.apps[record.id] = record }
                }
                state.defaultApp = json["default"]?.entityID
            }
            let journaled = FileManager.default.contents(atPath: journal.path) ?? Data()
            for line in journaled.split(separator: UInt8(ascii: "\n")) {
                guard let json = try? JSONParser.parse(line), let change = Change(json: json) else { break }
                change.apply(to: &state)
            }
            if !journaled.isEmpty || !FileManager.default.fileExists(atPath: list.path) {
                try write(state, to: list)
            }
            let descriptor = systemOpen(journal.path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw .unwritable(path: journal.path) }
            return (Files(list: list, journal: journal, journalDescriptor: descriptor), state)
        }

        /// Appends one change as one line, in one `write` so lines never interleave.
        func append(_ change: Change) throws(Failure) {
            var line = change.json.jsonBytes
            line.append(UInt8(ascii: "\n"))
            var offset = 0
            while offset < line.count {
                let written = line[offset...].withUnsafeBytes {
                    systemWrite(journalDescriptor, $0.baseAddress, $0.count)
                }
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { throw .unwritable(path: journal.path) }
                offset += written
            }
        }

        /// Empties the journal once `apps.json` holds everything in it.
        func truncateJournal() throws(Failure) {
            guard ftruncate(journalDescriptor, 0) == 0 else { throw .unwritable(path: journal.path) }
        }

        /// Closes the journal.
        func close() {
            _ = systemClose(journalDescriptor)
        }

        /// Writes the whole list to `apps.json` atomically (a temporary file, then a rename).
        static func write(_ state: State, to list: URL) throws(Failure) {
            let rows = state.apps.values.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }.map(\.stored)
            var document = JSONObject()
            document["apps"] = .array(rows)
            document["default"] = state.defaultApp.map { JSONValue($0) } ?? .null
            do {
                try Data(JSONValue.object(document).jsonBytes).write(to: list, options: .atomic)
            } catch {
                throw .unwritable(path: list.path)
            }
        }
    }
}

#if canImport(Glibc)
    /// `open(2)`, named apart from `Files.open`.
    private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { Glibc.open(path, flags, mode) }
    /// `close(2)`, named apart from `Files.close`.
    private func systemClose(_ descriptor: Int32) -> Int32 { Glibc.close(descriptor) }
    /// `write(2)`, named apart from `Files.write`.
    private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
        Glibc.write(descriptor, bytes, count)
    }
#else
    /// `open(2)`, named apart from `Files.open`.
    private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { Darwin.open(path, flags, mode) }
    /// `close(2)`, named apart from `Files.close`.
    private func systemClose(_ descriptor: Int32) -> Int32 { Darwin.close(descriptor) }
    /// `write(2)`, named apart from `Files.write`.
    private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
        Darwin.write(descriptor, bytes, count)
    }
#endif
