/// Scratch state of one running transaction: what it changed (for the report and
/// for undo), which entities it touched (for required checks) and whose id triple
/// it wrote (for null filling).
struct TxWork {
    let context: TransactionContext
    let now: Int64
    var changes: [TripleChange] = []
    /// Slot of each change, parallel to `changes`, so undo needs no catalogue lookups.
    var changeSlots: [AttrSlot] = []
    var touched: Set<EntityEtype> = []
    var idWrites: [EntityEtype] = []
    var attrChanges: [AttrChange] = []
    var ruleParams: [EntityEtype: JSONObject] = [:]
    /// Attrs an update-attr set to `required?: true`, checked once every step has run (§2.7).
    var requiredUpdates: [EntityID] = []
    /// Permission check reports of a dry run.
    var checkResults: [JSONValue] = []

    init(context: TransactionContext, now: Int64) {
        self.context = context
        self.now = now
    }

    /// The `t` for a triple inserted on `entity`.
    func createdAt(for entity: EntityID) -> Int64 {
        context.createdAtOverride.isEmpty ? now : context.createdAtOverride[entity] ?? now
    }
}

extension AppState {
    /// Inserts a triple and records it.
    mutating func insert(
        _ entity: EntityID, _ attr: Attr, _ slot: AttrSlot, _ value: TripleValue, createdAt: Int64,
        work: inout TxWork
    ) {
        store.insert(entity, slot, value, createdAt: createdAt)
        work.changes.append(
            TripleChange(kind: .added, triple: Triple(entity: entity, attr: attr.id, value: value, createdAt: createdAt)))
        work.changeSlots.append(slot)
        work.touched.insert(EntityEtype(entity, attr.etype))
    }

    /// Removes a stored triple and records it.
    mutating func remove(_ entity: EntityID, _ attr: Attr, _ slot: AttrSlot, _ value: TripleValue, work: inout TxWork) {
        guard let fact = store.remove(entity, slot, value) else { return }
        work.changes.append(
            TripleChange(
                kind: .retracted, triple: Triple(entity: entity, attr: attr.id, value: value, createdAt: fact.createdAt)))
        work.changeSlots.append(slot)
        work.touched.insert(EntityEtype(entity, attr.etype))
    }

    /// Reverts every triple change of a failed transaction, newest first.
    mutating func undo(_ work: TxWork) {
        for (change, slot) in zip(work.changes, work.changeSlots).reversed() {
            let t = change.triple
            switch change.kind {
            case .added: store.remove(t.entity, slot, t.value)
            case .retracted: store.insert(t.entity, slot, t.value, createdAt: t.createdAt)
            }
        }
    }
}
