/// The triples of a snapshot, decoded but not yet indexed.
///
/// Decoding is one sequential pass; indexing is most of a reload's cost and splits
/// into independent pieces (the entity table, one value table per attr), which
/// `TripleStore.bulkLoaded(from:)` builds in parallel.
struct DecodedTriples: Sendable {
    /// Where one fact sits: its entity's index and its position among the entity's facts.
    struct Reference: Sendable {
        var entity: Int32
        var fact: Int32
    }

    /// Entities in file order.
    var entityIDs: [EntityID] = []
    /// The facts of each entity, in storage order, parallel to `entityIDs`.
    var entityFacts: [ContiguousArray<Fact>] = []
    /// Per attr slot, every fact of that attr.
    var slotFacts: [[Reference]]
    /// Per attr slot, how many distinct values the snapshot recorded (table sizes).
    var distinctValues: [Int]
    /// Number of facts decoded.
    var count = 0

    /// Empty, for a catalogue of `slotCount` slots.
    init(slotCount: Int) {
        slotFacts = Array(repeating: [], count: slotCount)
        distinctValues = Array(repeating: 0, count: slotCount)
    }

    /// Adds one entity and its facts.
    mutating func append(_ entity: EntityID, _ facts: ContiguousArray<Fact>) {
        let index = Int32(entityIDs.count)
        for (position, fact) in facts.enumerated() {
            slotFacts[Int(fact.attr.rawValue)].append(Reference(entity: index, fact: Int32(position)))
        }
        entityIDs.append(entity)
        entityFacts.append(facts)
        count += facts.count
    }
}
