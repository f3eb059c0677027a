/// Matching one pattern against the rows through the access path `DatalogIndex` picks.
extension DatalogEngine {
    /// What one pattern position resolves to for one row.
    struct Known<T> {
        /// The values the position may take; nil when unknown (free variable, `_`, function).
        var values: [T]?
    }

    /// Extends each row by every stored triple the pattern matches under that row's bindings.
    mutating func match(_ pattern: DatalogPattern, _ rows: [DatalogRow]) -> [DatalogRow] {
        if case .function(.isNull(let test)) = pattern.value { return matchNullTest(pattern, test, rows) }
        let constantSlots = constantAttrSlots(pattern.attr)
        let slotFilter = constantSlots.map(Set.init)
        var out: [DatalogRow] = []
        for row in rows {
            let entities = knownEntities(pattern.entity, row)
            var slots = constantSlots
            if let v = pattern.attr.variable, let bound = row[v] {
                slots = bound.entityID.flatMap { catalog.existingSlot(for: $0) }.map { [$0] } ?? []
            }
            let values = knownValues(pattern.value, row)
            func emit(_ entity: EntityID, _ slot: AttrSlot, _ fact: Fact) {
                if let extended = extend(row, pattern, entity, slot, fact) { out.append(extended) }
            }
            switch DatalogIndex.choose(entity: entities != nil, attr: slots != nil, value: values != nil) {
            case .entityFacts:
                let wanted = pattern.attr.variable == nil ? slotFilter : slots.map(Set.init)
                let valueSet = values.map(Set.init)
                for entity in entities! {
                    for fact in store.facts(of: entity) {
                        if let wanted { guard wanted.contains(fact.attr) else { continue } } else if !isLive(fact.attr) { continue }
                        if let valueSet, !valueSet.contains(fact.value) { continue }
                        emit(entity, fact.attr, fact)
                    }
                }
            case .valuePostings:
                for slot in slots! { postings(slot, values!, emit) }
            case .attrScan:
                for slot in slots! { scan(slot, pattern.value, emit) }
            case .valueInEveryAttr:
                for raw in 0..<catalog.slotCount where isLive(AttrSlot(UInt32(raw))) {
                    postings(AttrSlot(UInt32(raw)), values!, emit)
                }
            case .fullScan:
                for (entity, facts) in store.entities {
                    for fact in facts where isLive(fact.attr) { emit(entity, fact.attr, fact) }
                }
            }
        }
        return out
    }

    /// Entities holding each value of the slot, with the matching fact.
    private func postings(_ slot: AttrSlot, _ values: [TripleValue], _ emit: (EntityID, AttrSlot, Fact) -> Void) {
        for value in values {
            store.postings(slot, value)?.forEach { entity in
                if let fact = store.facts(of: entity).first(where: { $0.attr == slot && $0.value == value }) {
                    emit(entity, slot, fact)
                }
            }
        }
    }

    /// Every (value, entity) of the slot; a value function is tested once per distinct value.
    private func scan(_ slot: AttrSlot, _ term: DatalogTerm, _ emit: (EntityID, AttrSlot, Fact) -> Void) {
        for (value, holders) in store.valueIndex(slot) {
            if case .function(let f) = term, f.testsValueOnly, !passes(f, value: value, entity: nil) { continue }
            holders.forEach { entity in
                if let fact = store.facts(of: entity).first(where: { $0.attr == slot && $0.value == value }) {
                    emit(entity, slot, fact)
                }
            }
        }
    }

    /// The row extended by one fact, or nil when a function or a join rejects it.
    private func extend(
        _ row: DatalogRow, _ pattern: DatalogPattern, _ entity: EntityID, _ slot: AttrSlot, _ fact: Fact
    ) -> DatalogRow? {
        if case .function(let f) = pattern.entity, !passes(f, value: .id(entity), entity: entity) { return nil }
        if case .function(let f) = pattern.value, !passes(f, value: fact.value, entity: entity) { return nil }
        var next = row
        let attrID = catalog.attrID(of: slot)
        let bindings: [(DatalogVariable?, TripleValue)] = [
            (pattern.entity.variable, .id(entity)), (pattern.attr.variable, .id(attrID)), (pattern.value.variable, fact.value),
        ]
        for case (let variable?, let value) in bindings {
            if let existing = next.values[variable.index] {
                guard existing == value else { return nil }
            } else {
                next.values[variable.index] = value
            }
        }
        next.triples.append(Triple(entity: entity, attr: attrID, value: fact.value, createdAt: fact.createdAt))
        return next
    }

    /// `$isNull` (architecture §1.2): the pattern sits on an id attr and tests the entity.
    /// A bound entity is tested directly (it need not have an id triple); otherwise the
    /// id attr's entities are scanned. The row gets the entity's id triple when it has one.
    private func matchNullTest(_ pattern: DatalogPattern, _ test: NullTest, _ rows: [DatalogRow]) -> [DatalogRow] {
        let idSlot = constantAttrSlots(pattern.attr)?.first
        var out: [DatalogRow] = []
        for row in rows {
            var candidates: [EntityID] = []
            if let entities = knownEntities(pattern.entity, row) {
                candidates = entities
            } else if let idSlot {
                for (value, holders) in store.valueIndex(idSlot) {
                    holders.forEach { if value == .id($0) { candidates.append($0) } }
                }
            }
            for entity in candidates where holds(test, on: entity) {
                var next = row
                if let v = pattern.entity.variable {
                    if let existing = next.values[v.index], existing != .id(entity) { continue }
                    next.values[v.index] = .id(entity)
                }
                if let idSlot, let fact = store.facts(of: entity).first(where: { $0.attr == idSlot && $0.value == .id(entity) }) {
                    next.triples.append(
                        Triple(entity: entity, attr: catalog.attrID(of: idSlot), value: fact.value, createdAt: fact.createdAt))
                }
                out.append(next)
            }
        }
        return out
    }

    /// Slots of the live attrs of a constant attr position; nil for `_` and variables.
    func constantAttrSlots(_ term: DatalogAttrTerm) -> [AttrSlot]? {
        guard case .constant(let ids) = term else { return nil }
        return ids.compactMap { id in catalog[id] == nil ? nil : catalog.existingSlot(for: id) }
    }

    /// Entity ids an entity position is known to hold for this row.
    func knownEntities(_ term: DatalogTerm, _ row: DatalogRow) -> [EntityID]? {
        switch term {
        case .constant(let set): return set.compactMap(\.entityID)
        case .variable(let v): return row[v].map { $0.entityID.map { [$0] } ?? [] }
        case .any, .function: return nil
        }
    }

    /// Values a value position is known to hold for this row.
    func knownValues(_ term: DatalogTerm, _ row: DatalogRow) -> [TripleValue]? {
        switch term {
        case .constant(let set): return Array(set)
        case .variable(let v): return row[v].map { [$0] }
        case .any, .function: return nil
        }
    }

    /// Whether a slot belongs to a live attr (soft-deleted attrs keep triples but match nothing).
    func isLive(_ slot: AttrSlot) -> Bool {
        catalog[catalog.attrID(of: slot)] != nil
    }
}
