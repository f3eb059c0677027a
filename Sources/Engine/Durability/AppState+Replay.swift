/// Redoing committed transactions from the log (server-architecture §7.4 recovery).
extension AppState {
    /// Applies a committed transaction's recorded effects: attr changes in order, then
    /// triple changes in order with their recorded `t`, then the recorded inferred types.
    ///
    /// No validation runs: the record describes what an accepted transaction did to
    /// exactly this state, so redoing it cannot fail and must not be judged again
    /// (rules may have changed since).
    public mutating func replay(_ record: CommitRecord) throws(DurabilityError) {
        guard record.txID == lastTxID + 1 else { throw .outOfOrder(expected: lastTxID + 1, found: record.txID) }
        generation = StateGeneration.next()
        for change in record.attrChanges {
            switch change {
            case .upserted(let attr): catalog.upsert(attr)
            case .deleted(let id): catalog.softDelete(id)
            }
        }
        var slotCache: (attr: EntityID, slot: AttrSlot)?
        for change in record.changes {
            let t = change.triple
            let slot: AttrSlot
            if let cached = slotCache, cached.attr == t.attr {
                slot = cached.slot
            } else {
                slot = catalog.slot(for: t.attr)
                slotCache = (t.attr, slot)
            }
            switch change.kind {
            case .added:
                store.insert(t.entity, slot, t.value, createdAt: t.createdAt)
            case .retracted:
                store.remove(t.entity, slot, t.value)
            }
        }
        for entry in record.inferredTypes { catalog.addInferredTypes(entry.types, to: entry.attr) }
        lastTxID = record.txID
    }
}
