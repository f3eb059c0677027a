/// A JSON object that remembers the order its keys arrived in.
///
/// Order matters on the wire (a query is echoed back exactly in `add-query-ok`),
/// but not for equality: two objects are equal when they hold the same members.
public struct JSONObject: Sendable {
    /// Keys in insertion order.
    public private(set) var keys: [String]
    private var storage: [String: JSONValue]

    public init() {
        keys = []
        storage = [:]
    }

    /// An empty object with room for `capacity` members (building result trees, where each
    /// object's size is known and regrowing its storage cost more than filling it).
    public init(minimumCapacity capacity: Int) {
        keys = []
        keys.reserveCapacity(capacity)
        storage = Dictionary(minimumCapacity: capacity)
    }

    public init(_ pairs: [(String, JSONValue)]) {
        self.init()
        keys.reserveCapacity(pairs.count)
        for (k, v) in pairs { self[k] = v }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// Reads or writes a member; assigning nil removes it.
    public subscript(key: String) -> JSONValue? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// Members in insertion order.
    public var entries: [(key: String, value: JSONValue)] {
        keys.map { ($0, storage[$0]!) }
    }

    /// Visits the members in insertion order without building `entries`.
    public func forEachEntry(_ body: (String, JSONValue) -> Void) {
        for key in keys { body(key, storage[key]!) }
    }
}

extension JSONObject: Equatable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.storage == rhs.storage
    }
}

extension JSONObject: Hashable {
    public func hash(into hasher: inout Hasher) {
        // Order-independent: combine member hashes commutatively.
        var acc = 0
        for (k, v) in storage {
            var h = Hasher()
            h.combine(k)
            h.combine(v)
            acc ^= h.finalize()
        }
        hasher.combine(storage.count)
        hasher.combine(acc)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}
