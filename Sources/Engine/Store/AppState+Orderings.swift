/// Which orderings the store maintains, decided from the attr catalogue (architecture §7.3).
extension AppState {
    /// One `serverCreatedAt` ordering per etype with an id attr, and one per indexed, typed,
    /// cardinality-one blob attr: exactly the keys a top-level `order` may use (data-model §6.1).
    func wantedOrderings() -> [EntityOrdering.Spec] {
        var specs: [EntityOrdering.Spec] = []
        for attr in catalog.all where !attr.isRef {
            guard let idAttr = catalog.idAttr(attr.etype), let idSlot = catalog.existingSlot(for: idAttr.id),
                let slot = catalog.existingSlot(for: attr.id)
            else { continue }
            if attr.id == idAttr.id {
                specs.append(EntityOrdering.Spec(idSlot: idSlot, key: .createdAt))
            } else if attr.isIndexed, attr.cardinality == .one, let type = attr.checkedDataType {
                specs.append(EntityOrdering.Spec(idSlot: idSlot, key: .attr(slot, type)))
            }
        }
        return specs
    }

    /// Builds the orderings the catalogue calls for and drops stale ones. Transactions call
    /// it when attrs change; a loader that builds the store directly (snapshot recovery)
    /// should call it once before serving queries, else ordered pages fall back to sorting.
    public mutating func prepareOrderings() {
        store.setOrderings(wantedOrderings())
        generation = StateGeneration.next()
    }

    /// The maintained ordering of `etype`'s listed entities by `key`, if there is one.
    func ordering(_ etype: String, by key: QueryOrder.Key) -> EntityOrdering? {
        guard let idAttr = catalog.idAttr(etype), let idSlot = catalog.existingSlot(for: idAttr.id) else { return nil }
        switch key {
        case .serverCreatedAt:
            return store.ordering(EntityOrdering.Spec(idSlot: idSlot, key: .createdAt))
        case .attr(let attr):
            guard let type = attr.checkedDataType, let slot = catalog.existingSlot(for: attr.id) else { return nil }
            return store.ordering(EntityOrdering.Spec(idSlot: idSlot, key: .attr(slot, type)))
        case .unknown:
            return nil
        }
    }
}
