/// One stored fact `[e, a, v, t]` (data-model §1.1), with the tx that wrote it.
public struct Triple: Hashable, Sendable {
    public var entity: EntityID
    public var attr: EntityID
    public var value: TripleValue
    /// Creation time in epoch milliseconds (data-model §9).
    public var createdAt: Int64

    public init(entity: EntityID, attr: EntityID, value: TripleValue, createdAt: Int64) {
        self.entity = entity
        self.attr = attr
        self.value = value
        self.createdAt = createdAt
    }

    /// The wire form `[e, a, v, t]`.
    public var json: JSONValue {
        [JSONValue(entity), JSONValue(attr), value.json, .int(createdAt)]
    }
}

/// One value of one attr on one entity, as kept in the entity index.
struct Fact: Sendable {
    var attr: AttrSlot
    var value: TripleValue
    var createdAt: Int64
}

/// The entities holding one value of one attr: usually exactly one, so no allocation then.
enum Postings: Sendable {
    case one(EntityID)
    case many(Set<EntityID>)

    var count: Int {
        switch self {
        case .one: 1
        case .many(let s): s.count
        }
    }

    func contains(_ e: EntityID) -> Bool {
        switch self {
        case .one(let x): x == e
        case .many(let s): s.contains(e)
        }
    }

    /// Adds an entity (a no-op if present), mutating a set in place.
    mutating func insert(_ e: EntityID) {
        switch self {
        case .one(let other):
            if other != e { self = .many([other, e]) }
        case .many(var set):
            self = .one(e)  // drop our reference so `set` is unique and grows in place
            set.insert(e)
            self = .many(set)
        }
    }

    /// Removes an entity; returns true when none is left.
    mutating func remove(_ e: EntityID) -> Bool {
        switch self {
        case .one:
            return true
        case .many(var set):
            self = .one(e)
            set.remove(e)
            if set.count == 1, let only = set.first {
                self = .one(only)
            } else {
                self = .many(set)
            }
            return set.isEmpty
        }
    }

    /// Visits each entity.
    func forEach(_ body: (EntityID) -> Void) {
        switch self {
        case .one(let x): body(x)
        case .many(let s): s.forEach(body)
        }
    }

    var entities: [EntityID] {
        switch self {
        case .one(let x): [x]
        case .many(let s): Array(s)
        }
    }
}
