import Synchronization

/// Compiled queries by `CompiledQueryKey`, shared by every app in the process.
///
/// Why: parsing and compiling cost about as much as evaluating a small query, and clients
/// repeat the same few queries (live queries re-run on every relevant change). Entries of
/// an old catalogue version are never hit again and age out through the bound.
final class CompiledQueryCache: Sendable {
    /// At most this many compiled queries are kept; beyond it an arbitrary one is dropped.
    static let capacity = 512

    static let shared = CompiledQueryCache()

    private let entries = Mutex<[CompiledQueryKey: CompiledQuery]>([:])

    func lookup(_ key: CompiledQueryKey) -> CompiledQuery? {
        entries.withLock { $0[key] }
    }

    func store(_ compiled: CompiledQuery, for key: CompiledQueryKey) {
        entries.withLock { entries in
            if entries.count >= Self.capacity, entries[key] == nil {
                entries.remove(at: entries.startIndex)
            }
            entries[key] = compiled
        }
    }

    /// Number of cached queries (tests).
    var count: Int { entries.withLock { $0.count } }
}
