/// The triples of one app and the indexes the query engine reads
/// (server-architecture §1.1, §7.3).
///
/// * `entities` is `ea`/`eav`: entity → its facts (a short array; entities hold few attrs).
/// * `values` is `ave`/`av`, and for refs `vae`: per attr slot, value → entities holding it.
///   It is kept for every attr, not only indexed ones: in memory an equality lookup
///   should never need a scan, and the index flags stay a filter for the query layer.
///
/// The store knows nothing of attr semantics (cardinality, uniqueness); the
/// transaction layer decides what to insert and remove and keeps this consistent.
public struct TripleStore: Sendable {
    var entities: [EntityID: ContiguousArray<Fact>] = [:]
    var values: [[TripleValue: Postings]] = []
    var attrCounts: [Int] = []
    /// Orderings kept current on every write (see `TripleStore+Ordering`).
    var orderings: [EntityOrdering] = []
    /// Per slot, the indexes into `orderings` a change of that slot can move.
    var orderingRoutes: [[Int]] = []
    /// Whether `orderings` were last set from the catalogue; false after a bulk load.
    var orderingsPrepared = false
    /// Number of stored triples.
    public internal(set) var count = 0

    public init() {}

    private mutating func ensureSlot(_ slot: AttrSlot) {
        let i = Int(slot.rawValue)
        if i >= values.count {
            values.append(contentsOf: repeatElement([:], count: i + 1 - values.count))
            attrCounts.append(contentsOf: repeatElement(0, count: i + 1 - attrCounts.count))
        }
    }

    /// Adds a triple the caller knows is absent.
    mutating func insert(_ entity: EntityID, _ slot: AttrSlot, _ value: TripleValue, createdAt: Int64) {
        ensureSlot(slot)
        entities[entity, default: []].append(Fact(attr: slot, value: value, createdAt: createdAt))
        let i = Int(slot.rawValue)
        attrCounts[i] += 1
        count += 1
        // One hash lookup, mutating in place: a new value gets `.one(entity)`, on which
        // inserting `entity` again is a no-op; a copy of the postings held across the
        // update would instead copy the whole set on every insert.
        values[i][value, default: .one(entity)].insert(entity)
        if i < orderingRoutes.count, !orderingRoutes[i].isEmpty { refreshOrderings(entity, slotIndex: i) }
    }

    /// Removes one triple; returns it if it was there.
    @discardableResult
    mutating func remove(_ entity: EntityID, _ slot: AttrSlot, _ value: TripleValue) -> Fact? {
        guard var facts = entities[entity],
            let index = facts.firstIndex(where: { $0.attr == slot && $0.value == value })
        else { return nil }
        let fact = facts.remove(at: index)
        entities[entity] = nil
        if !facts.isEmpty { entities[entity] = facts }
        let i = Int(slot.rawValue)
        attrCounts[i] -= 1
        count -= 1
        if values[i][value]?.remove(entity) == true {
            values[i][value] = nil
        }
        if i < orderingRoutes.count, !orderingRoutes[i].isEmpty { refreshOrderings(entity, slotIndex: i) }
        return fact
    }

    /// Every fact of an entity, all attrs.
    func facts(of entity: EntityID) -> ContiguousArray<Fact> {
        entities[entity] ?? []
    }

    /// The facts of one attr on one entity.
    func facts(of entity: EntityID, _ slot: AttrSlot) -> [Fact] {
        guard let facts = entities[entity] else { return [] }
        return facts.filter { $0.attr == slot }
    }

    /// The first fact of one attr on one entity (the only one for cardinality one).
    func fact(of entity: EntityID, _ slot: AttrSlot) -> Fact? {
        entities[entity]?.first { $0.attr == slot }
    }

    /// Whether `[e, a, v]` is stored.
    func contains(_ entity: EntityID, _ slot: AttrSlot, _ value: TripleValue) -> Bool {
        entities[entity]?.contains { $0.attr == slot && $0.value == value } ?? false
    }

    /// The entities holding `value` for the attr.
    func postings(_ slot: AttrSlot, _ value: TripleValue) -> Postings? {
        let i = Int(slot.rawValue)
        return i < values.count ? values[i][value] : nil
    }

    /// Value → entities for one attr (empty when the attr has no triples).
    func valueIndex(_ slot: AttrSlot) -> [TripleValue: Postings] {
        let i = Int(slot.rawValue)
        return i < values.count ? values[i] : [:]
    }

    /// Number of triples of an attr.
    public func count(of slot: AttrSlot) -> Int {
        let i = Int(slot.rawValue)
        return i < attrCounts.count ? attrCounts[i] : 0
    }

    /// Number of entities that hold any triple.
    public var entityCount: Int { entities.count }

    /// Whether the entity has any triple at all.
    func hasFacts(_ entity: EntityID) -> Bool { entities[entity] != nil }
}
