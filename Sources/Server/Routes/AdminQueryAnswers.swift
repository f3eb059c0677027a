import Engine
import Synchronization

/// Answers of `/admin/query` by app and exact body, each tagged with the generation of
/// the app state it was computed from (`AppState.generation`).
///
/// Why: an admin answer depends on nothing but the body and the app's state (admins see
/// every row, no rule runs, no clock is read), and clients poll the same query between
/// writes. A lookup made under the app's lock, against the state's current generation,
/// returns exactly what evaluating again would: any transaction attempt or rules change
/// makes a new generation, so an older answer is never served. Impersonated queries run
/// rules, which may read the clock, and are never kept.
///
/// Bounded: small bodies and answers only, at most `capacity` entries.
final class AdminQueryAnswers: Sendable {
    static let capacity = 128
    /// Bodies larger than this are not kept (nor looked up).
    static let largestBody = 4096
    /// Answers larger than this are not kept: a big answer's evaluation dwarfs the lookup,
    /// and the cache should not hold megabytes.
    static let largestAnswer = 65536

    /// One app's answer to one body.
    struct Key: Hashable, Sendable {
        let app: EntityID
        /// Hashed as one buffer, as the body cache does.
        let body: JSONBodyCache.BodyBytes
    }

    private struct Entry {
        let generation: UInt64
        let answer: [UInt8]
    }

    private let entries = Mutex<[Key: Entry]>([:])

    /// The key for this body, or nil when bodies of its size are not kept.
    func key(app: EntityID, body: [UInt8]) -> Key? {
        body.count <= Self.largestBody ? Key(app: app, body: JSONBodyCache.BodyBytes(bytes: body)) : nil
    }

    /// The answer computed from exactly this generation, if kept.
    func answer(for key: Key, generation: UInt64) -> [UInt8]? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.generation == generation else { return nil }
            return entry.answer
        }
    }

    /// Keeps an answer computed from `generation`.
    func keep(_ answer: [UInt8], for key: Key, generation: UInt64) {
        guard answer.count <= Self.largestAnswer else { return }
        entries.withLock { entries in
            if entries.count >= Self.capacity, entries[key] == nil { entries.remove(at: entries.startIndex) }
            entries[key] = Entry(generation: generation, answer: answer)
        }
    }
}
