/// Maintained orderings (architecture §7.3): which exist is decided by the attr catalogue
/// (`AppState.prepareOrderings()`); once one exists, every insert and remove of a triple
/// of its slots keeps it current, so it is never stale for its spec.
extension TripleStore {
    /// The ordering for `spec`, when one is maintained.
    func ordering(_ spec: EntityOrdering.Spec) -> EntityOrdering? {
        orderings.first { $0.spec == spec }
    }

    /// Keeps the orderings whose spec is still wanted, builds the missing ones, drops the rest.
    mutating func setOrderings(_ specs: [EntityOrdering.Spec]) {
        var kept = orderings.filter { specs.contains($0.spec) }
        for spec in specs where !kept.contains(where: { $0.spec == spec }) {
            kept.append(buildOrdering(spec))
        }
        orderings = kept
        var routes: [[Int]] = Array(repeating: [], count: values.count)
        for (index, ordering) in orderings.enumerated() {
            for slot in ordering.spec.slots {
                let i = Int(slot.rawValue)
                if i >= routes.count { routes.append(contentsOf: repeatElement([], count: i + 1 - routes.count)) }
                routes[i].append(index)
            }
        }
        orderingRoutes = routes
        orderingsPrepared = true
    }

    /// An ordering built from scratch from the id attr's value table.
    func buildOrdering(_ spec: EntityOrdering.Spec) -> EntityOrdering {
        var keys: [EntityOrderKey] = []
        for (value, postings) in valueIndex(spec.idSlot) {
            guard case .id(let entity) = value, postings.contains(entity), let key = orderKey(entity, spec) else { continue }
            keys.append(key)
        }
        return EntityOrdering(spec: spec, keys: keys)
    }

    /// Where `entity` belongs in the ordering; nil when it is not listed (no id triple).
    func orderKey(_ entity: EntityID, _ spec: EntityOrdering.Spec) -> EntityOrderKey? {
        guard let facts = entities[entity],
            let idFact = facts.first(where: { $0.attr == spec.idSlot }),
            facts.contains(where: { $0.attr == spec.idSlot && $0.value == .id(entity) })
        else { return nil }
        switch spec.key {
        case .createdAt:
            return EntityOrderKey(value: .date(idFact.createdAt), entity: entity)
        case .attr(let slot, let type):
            let stored = facts.first { $0.attr == slot }?.value.json
            return EntityOrderKey(value: stored.flatMap { TypedValue(stored: $0, type: type) }, entity: entity)
        }
    }

    /// Re-places `entity` in the orderings routed from a changed slot (called by insert/remove).
    mutating func refreshOrderings(_ entity: EntityID, slotIndex: Int) {
        for index in orderingRoutes[slotIndex] {
            let key = orderKey(entity, orderings[index].spec)
            orderings[index].update(entity, to: key)
        }
    }
}
