import Foundation
import Synchronization
import Testing

@testable import Engine

/// A fresh directory under the system temp dir, removed when the value goes away.
final class TemporaryDirectory: Sendable {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "instant-local-durability-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A path inside the directory.
    func file(_ name: String) -> String { path + "/" + name }

    /// File names and sizes, to prove nothing was written.
    func listing(_ subdirectory: String? = nil) -> [String: Int] {
        let dir = subdirectory.map(file) ?? path
        var out: [String: Int] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
            out[name] = SystemFile.size(dir + "/" + name)
        }
        return out
    }

    /// Names in the directory with a suffix, sorted.
    func names(endingWith suffix: String) -> [String] {
        listing().keys.filter { $0.hasSuffix(suffix) }.sorted()
    }

    /// Copies every file into another directory (a crash image to tamper with).
    func copy(to other: TemporaryDirectory) {
        for name in listing().keys {
            try? FileManager.default.copyItem(atPath: file(name), toPath: other.file(name))
        }
    }
}

/// Everything recovery must reproduce, compared exactly: values by kind and key
/// order (plain `==` on JSON ignores both), facts in storage order, every attr.
struct StateFingerprint: Equatable {
    var facts: [EntityID: [String]]
    var attrs: [Attr]
    var deleted: [EntityID: Attr]
    var lastTxID: Int64

    init(_ state: borrowing AppState) {
        var facts: [EntityID: [String]] = [:]
        for t in state.allTriples() {
            facts[t.entity, default: []].append("\(t.attr) \(StateFingerprint.describe(t.value)) \(t.createdAt)")
        }
        self.facts = facts
        attrs = state.catalog.all
        deleted = state.catalog.deleted
        lastTxID = state.lastTxID
    }

    /// A value with its kind spelled out at every level.
    static func describe(_ value: TripleValue) -> String {
        switch value {
        case .id(let id): "id:\(id)"
        case .json(let json): describe(json)
        }
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): "bool:\(b)"
        case .int(let i): "int:\(i)"
        case .double(let d): "double:\(d.bitPattern)"
        case .bigNumber(let s): "big:\(s)"
        case .string(let s): "string:\(s.debugDescription)"
        case .array(let a): "[" + a.map { describe($0) }.joined(separator: ",") + "]"
        case .object(let o):
            "{" + o.entries.map { "\($0.key.debugDescription):\(describe($0.value))" }.joined(separator: ",") + "}"
        }
    }
}

/// A varied history for reopen and codec tests: every step kind, attr changes,
/// big numbers, deep and ordered objects, cascades, empty transactions.
struct DurabilityWorkload {
    var schema = TestSchema()
    var meta = Attr.make("posts", "meta")
    var score = Attr.make("posts", "score", indexed: true)
    let users = (0..<4).map { EntityID.test(0x100 + UInt64($0)) }
    let posts = (0..<40).map { EntityID.test(0x200 + UInt64($0)) }
    let tags = (0..<3).map { EntityID.test(0x300 + UInt64($0)) }

    /// A 200-level object whose keys arrive out of alphabetical order at every level.
    static var deepObject: JSONValue {
        var value: JSONValue = ["z": 1, "a": .bigNumber("123456789012345678901234567890")]
        for level in 0..<200 { value = .object(JSONObject([("z\(level)", value), ("a", .double(0.1))])) }
        return value
    }

    /// The transactions, each paired with the context it runs with.
    var transactions: [(steps: [TxStep], context: TransactionContext)] {
        let s = schema
        var txs: [[TxStep]] = []
        txs.append((s.attrs + [meta, score]).map { .addAttr($0) })
        for (i, user) in users.enumerated() {
            txs.append(
                s.user(
                    user,
                    [
                        (s.email, .string("user\(i)@example.com")), (s.handle, .string("h\(i)")),
                        (s.name, .string("Zoë \(i) ✓")), (s.settings, ["theme": "light", "n": .int(Int64(i))]),
                    ]))
        }
        txs.append(
            tags.enumerated().flatMap { i, tag in TxStep.update(tag, id: s.tagsID, [(s.label, .string("tag\(i)"))]) })
        let scores: [JSONValue] = [
            .int(.max), .int(.min), .double(-0.0), .double(1e300), .double(0.1), .bigNumber("1e400"),
            .bigNumber("-98765432109876543210987654321"), .null, .bool(true), "7",
        ]
        for (i, post) in posts.enumerated() {
            var steps = s.post(
                post,
                [
                    (s.title, .string("post \(i)")), (s.author, JSONValue(users[i % users.count])),
                    (
                        meta,
                        i == 0
                            ? DurabilityWorkload.deepObject
                            : ["b": .int(Int64(i)), "a": [1, 2.5, "x", nil, ["k": false]]]
                    ),
                    (score, scores[i % scores.count]),
                ])
            steps.append(.add(post, s.postTags, JSONValue(tags[i % tags.count])))
            steps.append(.add(post, s.postTags, JSONValue(tags[(i + 1) % tags.count])))
            txs.append(steps)
        }
        txs.append([
            .add(posts[1], s.title, "renamed"),
            .merge(users[0], s.settings, ["theme": "dark", "n": nil, "x": ["y": 1]]),
        ])
        txs.append([.retract(posts[2], s.postTags, JSONValue(tags[2]))])
        txs.append([.delete(users[3], "users")])
        txs.append([.delete(posts[3], nil)])
        txs.append([.deleteAttr(s.name.id)])
        txs.append([.restoreAttr(s.name.id)])
        txs.append([.deleteAttr(s.handle.id)])
        txs.append([.updateAttr(["id": JSONValue(s.title.id), "index?": true])])
        txs.append([.ruleParams(.id(posts[4]), etype: "posts", params: ["k": "v"])])
        var result = txs.map { ($0, TransactionContext()) }
        result.append((s.post(posts[5], [(s.title, "pinned")]), TransactionContext(createdAtOverride: [posts[5]: 42])))
        return result
    }

    /// A transaction that is always rejected (duplicate unique email).
    var rejected: [TxStep] {
        schema.user(EntityID.test(0x999), [(schema.email, "user0@example.com")])
    }
}

/// Runs blocking work (file I/O loops, child processes) on a thread of its own: the
/// concurrency pool has a thread per core, and parallel tests need them.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

extension AppDatabase {
    /// Runs the whole workload, checking every commit succeeds.
    func run(_ workload: DurabilityWorkload) async throws {
        for (steps, context) in workload.transactions { _ = try await transact(steps, context: context) }
    }

    /// The current fingerprint.
    var fingerprint: StateFingerprint { read { StateFingerprint($0) } }
}

/// A clock that advances one second per reading, so every tx has its own `t`.
func steppingClock(from start: Int64 = 1_700_000_000_000) -> WallClock {
    let counter = Counter(start)
    return WallClock { counter.next() }
}

/// A thread-safe counter for `steppingClock`.
final class Counter: Sendable {
    private let value: Mutex<Int64>
    init(_ start: Int64) { value = Mutex(start) }
    func next() -> Int64 {
        value.withLock {
            $0 += 1_000
            return $0
        }
    }
}
