/// Everything one app holds in memory: its attrs, its triples and its tx counter.
///
/// A value type with one owner (`AppDatabase`): a transaction mutates it in place
/// and undoes its own changes if it fails, so a rejected transaction leaves no trace.
public struct AppState: Sendable {
    public internal(set) var catalog = AttrCatalog()
    public internal(set) var store = TripleStore()
    /// Id of the last committed transaction; 0 before the first.
    public internal(set) var lastTxID: Int64 = 0
    /// The app's permission rules (permissions §1). Kept beside the data so every
    /// evaluation under the app's lock sees the rules current at that moment; stored in
    /// the app's directory, not in the log (`AppDatabase.setRules`).
    public internal(set) var rules: RuleSet = .none
    /// Names this version of the state, unique in the process: a new state gets a fresh
    /// one, and so does every transaction attempt (committed or undone) and rules change.
    /// Equal generations mean equal states, so a reader may reuse an answer it computed
    /// from the same generation (the server's admin query answers).
    public internal(set) var generation = StateGeneration.next()

    public init() {}

    /// The live attr behind a slot, if it is live.
    func attr(at slot: AttrSlot) -> Attr? {
        catalog[catalog.attrID(of: slot)]
    }

    /// Whether `entity` has any triple of a live attr of `etype` (data-model §1.2).
    public func exists(_ entity: EntityID, in etype: String) -> Bool {
        store.facts(of: entity).contains { attr(at: $0.attr)?.etype == etype }
    }

    /// The etypes in which `entity` currently has triples.
    public func etypes(of entity: EntityID) -> [String] {
        var seen: [String] = []
        for fact in store.facts(of: entity) {
            if let etype = attr(at: fact.attr)?.etype, !seen.contains(etype) { seen.append(etype) }
        }
        return seen
    }

    /// The triples of `entity` for live attrs, in storage order.
    public func triples(of entity: EntityID) -> [Triple] {
        store.facts(of: entity).compactMap { fact in
            guard let a = attr(at: fact.attr) else { return nil }
            return Triple(entity: entity, attr: a.id, value: fact.value, createdAt: fact.createdAt)
        }
    }

    /// The values of one live attr on one entity (none for a soft-deleted attr, §2.7).
    public func triples(of entity: EntityID, attr id: EntityID) -> [Triple] {
        guard catalog[id] != nil, let slot = catalog.existingSlot(for: id) else { return [] }
        return store.facts(of: entity, slot).map {
            Triple(entity: entity, attr: id, value: $0.value, createdAt: $0.createdAt)
        }
    }

    /// Entities holding `value` for the attr (none for a soft-deleted attr, §2.7).
    public func entities(attr id: EntityID, value: JSONValue) -> [EntityID] {
        guard catalog[id] != nil, let slot = catalog.existingSlot(for: id) else { return [] }
        return store.postings(slot, TripleValue(value))?.entities ?? []
    }

    /// Every stored triple, entity by entity (snapshots, exports, tests). Includes the
    /// triples of soft-deleted attrs, which are kept so `restore-attr` can bring them back.
    public func allTriples() -> [Triple] {
        var out: [Triple] = []
        out.reserveCapacity(store.count)
        for (entity, facts) in store.entities {
            for fact in facts {
                out.append(
                    Triple(entity: entity, attr: catalog.attrID(of: fact.attr), value: fact.value, createdAt: fact.createdAt))
            }
        }
        return out
    }
}
