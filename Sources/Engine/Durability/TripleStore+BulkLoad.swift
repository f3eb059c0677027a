import Dispatch
import Synchronization

/// Building a store in one go from decoded snapshot triples (server-architecture §7.4).
extension TripleStore {
    /// The store holding `decoded`, its entity table and each attr's value table built
    /// concurrently: they share nothing but the read-only input, and each table is
    /// created at its final size so nothing rehashes. Nil when an entity repeats
    /// (a damaged snapshot).
    static func bulkLoaded(from decoded: DecodedTriples) -> TripleStore? {
        let slotCount = decoded.slotFacts.count
        let entityTable = Mutex<[EntityID: ContiguousArray<Fact>]>([:])
        let valueTables = Mutex<[[TripleValue: Postings]]>(Array(repeating: [:], count: slotCount))
        // Largest value tables first, so the last task to start is a short one.
        let order = (0..<slotCount).sorted { decoded.slotFacts[$0].count > decoded.slotFacts[$1].count }
        DispatchQueue.concurrentPerform(iterations: slotCount + 1) { task in
            if task == slotCount {
                var table = [EntityID: ContiguousArray<Fact>](minimumCapacity: decoded.entityIDs.count)
                for (index, entity) in decoded.entityIDs.enumerated() { table[entity] = decoded.entityFacts[index] }
                entityTable.withLock { $0 = table }
                return
            }
            let slot = order[task]
            let references = decoded.slotFacts[slot]
            guard !references.isEmpty else { return }
            var table = [TripleValue: Postings](minimumCapacity: decoded.distinctValues[slot])
            for reference in references {
                let entity = decoded.entityIDs[Int(reference.entity)]
                let value = decoded.entityFacts[Int(reference.entity)][Int(reference.fact)].value
                table[value, default: .one(entity)].insert(entity)
            }
            valueTables.withLock { $0[slot] = table }
        }
        var store = TripleStore()
        store.entities = entityTable.withLock { table in
            defer { table = [:] }
            return table
        }
        guard store.entities.count == decoded.entityIDs.count else { return nil }
        store.values = valueTables.withLock { tables in
            defer { tables = [] }
            return tables
        }
        store.attrCounts = decoded.slotFacts.map(\.count)
        store.count = decoded.count
        return store
    }
}
