/// delete-entity with cascades (data-model §8.2 steps 2–4, §8.8).
extension AppState {
    /// Resolves, expands and cascades the transaction's delete-entity steps on the
    /// state before any data step runs. Unmatched lookups are dropped (§8.2.2).
    func expandDeletes(_ steps: [TxStep]) throws(InstantError) -> [EntityEtype] {
        var roots: [EntityEtype] = []
        for case .deleteEntity(let ref, let etype) in steps {
            guard let entity = try resolveExisting(ref) else { continue }
            if let etype {
                roots.append(EntityEtype(entity, etype))
            } else {
                for e in etypes(of: entity) { roots.append(EntityEtype(entity, e)) }
            }
        }
        guard !roots.isEmpty else { return [] }
        var seen = Set<EntityEtype>()
        var ordered: [EntityEtype] = []
        var queue = roots
        var position = 0
        while position < queue.count {
            let next = queue[position]
            position += 1
            guard seen.insert(next).inserted else { continue }
            ordered.append(next)
            // Sources whose link says "delete me when my target goes".
            for attr in catalog.incomingRefs(to: next.etype) where attr.onDeleteCascade {
                guard let slot = catalog.existingSlot(for: attr.id),
                    let sources = store.postings(slot, .id(next.entity))
                else { continue }
                sources.forEach { queue.append(EntityEtype($0, attr.etype)) }
            }
            // Targets whose link says "delete them when the source goes".
            for attr in catalog.attrs(of: next.etype) where attr.isRef && attr.onDeleteReverseCascade {
                guard let slot = catalog.existingSlot(for: attr.id), let targetEtype = attr.reverseIdentity?.etype
                else { continue }
                for fact in store.facts(of: next.entity, slot) {
                    if let target = fact.value.entityID { queue.append(EntityEtype(target, targetEtype)) }
                }
            }
        }
        return ordered
    }

    /// Removes the entity's triples in `etype` and every link into it from that side.
    mutating func deleteEntity(_ entity: EntityID, _ etype: String, work: inout TxWork) {
        for attr in catalog.attrs(of: etype) {
            guard let slot = catalog.existingSlot(for: attr.id) else { continue }
            for fact in store.facts(of: entity, slot) {
                remove(entity, attr, slot, fact.value, work: &work)
            }
        }
        for attr in catalog.incomingRefs(to: etype) {
            guard let slot = catalog.existingSlot(for: attr.id),
                let sources = store.postings(slot, .id(entity))
            else { continue }
            for source in sources.entities {
                remove(source, attr, slot, .id(entity), work: &work)
            }
        }
    }
}
