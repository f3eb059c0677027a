/// Matching one pattern against the rows through the access path `DatalogIndex` picks.
extension DatalogEngine {
    /// Extends each row by every stored triple the pattern matches under that row's bindings.
    mutating func match(_ pattern: DatalogPattern, _ rows: [DatalogRow]) -> [DatalogRow] {
        if case .function(.isNull(let test)) = pattern.value { return matchNullTest(pattern, test, rows) }
        let constant = constantAttrs(pattern.attr)
        var constantEntities: [EntityID]?
        if case .constant(let set) = pattern.entity { constantEntities = set.compactMap(\.entityID) }
        var constantValues: [TripleValue]?
        if case .constant(let set) = pattern.value { constantValues = Array(set) }
        var out: [DatalogRow] = []
        // The arena leaves `self` while matching, so `emit` can append to it while the index
        // readers below still read `self`.
        var arena = DatalogArena()
        swap(&arena, &self.arena)
        defer { swap(&arena, &self.arena) }
        for row in rows {
            if case .variable(let v) = pattern.entity, let bound = row[v] {
                // `DatalogIndex.entityFacts` for the commonest case (entity groups, child links,
                // joins): one bound entity, read without building a one-element list first.
                if let entity = bound.entityID { matchEntity(entity, row, pattern, constant, constantValues, &out, &arena) }
                continue
            }
            let entities = knownEntities(pattern.entity, row, constants: constantEntities)
            var slots = constant?.slots
            if let v = pattern.attr.variable, let bound = row[v] {
                slots = bound.entityID.flatMap { catalog.existingSlot(for: $0) }.map { [$0] } ?? []
            }
            let values = knownValues(pattern.value, row, constants: constantValues)
            func emit(_ entity: EntityID, _ slot: AttrSlot, _ fact: Fact) {
                if let extended = extend(row, pattern, entity, slot, fact, &arena) { out.append(extended) }
            }
            switch DatalogIndex.choose(entity: entities != nil, attr: slots != nil, value: values != nil) {
            case .entityFacts:
                for entity in entities! { matchEntity(entity, row, pattern, constant, constantValues, &out, &arena) }
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
        _ row: DatalogRow, _ pattern: DatalogPattern, _ entity: EntityID, _ slot: AttrSlot, _ fact: Fact,
        _ arena: inout DatalogArena
    ) -> DatalogRow? {
        if case .function(let f) = pattern.entity, !passes(f, value: .id(entity), entity: entity) { return nil }
        if case .function(let f) = pattern.value, !passes(f, value: fact.value, entity: entity) { return nil }
        var next = row
        let attrID = catalog.attrID(of: slot)
        guard Self.bind(pattern.entity.variable, .id(entity), in: &next), Self.bind(pattern.attr.variable, .id(attrID), in: &next),
            Self.bind(pattern.value.variable, fact.value, in: &next)
        else { return nil }
        next.lastTriple = arena.append(
            Triple(entity: entity, attr: attrID, value: fact.value, createdAt: fact.createdAt), after: row.lastTriple)
        return next
    }

    /// Binds a variable, or checks it against its binding (a join); false on a mismatch.
    /// Writes only when unbound, so a row whose variables are all bound is never copied.
    @inline(__always)
    static func bind(_ variable: DatalogVariable?, _ value: TripleValue, in row: inout DatalogRow) -> Bool {
        guard let variable else { return true }
        if let existing = row.values[variable.index] { return existing == value }
        row.values[variable.index] = value
        return true
    }

    /// `$isNull` (architecture §1.2): the pattern sits on an id attr and tests the entity.
    /// A bound entity is tested directly (it need not have an id triple); otherwise the
    /// id attr's entities are scanned. The row gets the entity's id triple when it has one.
    private mutating func matchNullTest(_ pattern: DatalogPattern, _ test: NullTest, _ rows: [DatalogRow]) -> [DatalogRow] {
        let idSlot = constantAttrs(pattern.attr)?.slots.first
        var constantEntities: [EntityID]?
        if case .constant(let set) = pattern.entity { constantEntities = set.compactMap(\.entityID) }
        var out: [DatalogRow] = []
        for row in rows {
            var candidates: [EntityID] = []
            if let entities = knownEntities(pattern.entity, row, constants: constantEntities) {
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
                    next.lastTriple = arena.append(
                        Triple(entity: entity, attr: catalog.attrID(of: idSlot), value: fact.value, createdAt: fact.createdAt),
                        after: row.lastTriple)
                }
                out.append(next)
            }
        }
        return out
    }

    /// The resolved attrs of a constant attr position; nil for `_` and variables.
    func constantAttrs(_ term: DatalogAttrTerm) -> DatalogAttrSet? {
        if case .constant(let set) = term { return set }
        return nil
    }

    /// Entity ids an entity position is known to hold for this row (`constants` is the
    /// position's constant set, converted once per pattern).
    func knownEntities(_ term: DatalogTerm, _ row: DatalogRow, constants: [EntityID]?) -> [EntityID]? {
        switch term {
        case .constant: return constants
        case .variable(let v): return row[v].map { $0.entityID.map { [$0] } ?? [] }
        case .any, .function: return nil
        }
    }

    /// Values a value position is known to hold for this row.
    func knownValues(_ term: DatalogTerm, _ row: DatalogRow, constants: [TripleValue]?) -> [TripleValue]? {
        switch term {
        case .constant: return constants
        case .variable(let v): return row[v].map { [$0] }
        case .any, .function: return nil
        }
    }

    /// Whether a slot belongs to a live attr (soft-deleted attrs keep triples but match nothing).
    func isLive(_ slot: AttrSlot) -> Bool {
        catalog[catalog.attrID(of: slot)] != nil
    }
}

extension DatalogEngine {
    /// `[e a v]` with `e` bound by the row: the entity's own facts (`DatalogIndex.entityFacts`).
    func matchEntity(
        _ entity: EntityID, _ row: DatalogRow, _ pattern: DatalogPattern, _ constant: DatalogAttrSet?,
        _ constantValues: [TripleValue]?, _ out: inout [DatalogRow], _ arena: inout DatalogArena
    ) {
        var attrSlot: AttrSlot?
        if let v = pattern.attr.variable, let bound = row[v] {
            guard let slot = bound.entityID.flatMap({ catalog.existingSlot(for: $0) }) else { return }
            attrSlot = slot
        }
        var value: TripleValue?
        if let v = pattern.value.variable { value = row[v] }
        for fact in store.facts(of: entity) {
            if let constant {
                guard constant.contains(fact.attr) else { continue }
            } else if let attrSlot {
                guard fact.attr == attrSlot else { continue }
            } else if !isLive(fact.attr) {
                continue
            }
            if let value, fact.value != value { continue }
            if let constantValues, !constantValues.contains(fact.value) { continue }
            if let extended = extend(row, pattern, entity, fact.attr, fact, &arena) { out.append(extended) }
        }
    }
}
