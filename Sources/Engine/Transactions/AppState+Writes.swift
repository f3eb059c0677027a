/// add-triple and deep-merge-triple (data-model §8.6, §8.7), lookups and value checks.
extension AppState {
    /// Upstream's limit on indexed, unique and ref values: the stored JSON stays under 1 KB
    /// (data-model §8.10, §12.4: we measure the UTF-8 length of the compact JSON text).
    static let maximumIndexedValueBytes = 1024

    /// The entity a write goes to; an unmatched lookup creates it (§8.6).
    mutating func resolveForWrite(
        _ ref: EntityRef, writing attr: Attr, value: JSONValue, work: inout TxWork
    ) throws(InstantError) -> EntityID {
        switch ref {
        case .id(let e):
            return e
        case .lookup(let attrID, let lookupValue):
            let lookupAttr = try lookupAttr(attrID, value: lookupValue)
            let slot = catalog.slot(for: lookupAttr.id)
            if let found = store.postings(slot, TripleValue(lookupValue)) {
                var first: EntityID?
                found.forEach { e in if first == nil || e < first! { first = e } }
                if let first { return first }
            }
            if attr.id == lookupAttr.id, TripleValue(value) != TripleValue(lookupValue) {
                throw .validation(
                    "lookup",
                    "Updates with lookups can only update the lookup attribute if an entity with the unique attribute value already exists.",
                    input: [ref.json])
            }
            let created = lookupAttr.isIDAttr ? (lookupValue.entityID ?? EntityID.random()) : EntityID.random()
            try write(created, lookupAttr, lookupValue, work: &work)
            return created
        }
    }

    /// The entity a lookup or id names if it exists; nil for an unmatched lookup.
    func resolveExisting(_ ref: EntityRef) throws(InstantError) -> EntityID? {
        switch ref {
        case .id(let e): return e
        case .lookup(let attrID, let value):
            let attr = try lookupAttr(attrID, value: value)
            guard let slot = catalog.existingSlot(for: attr.id),
                let postings = store.postings(slot, TripleValue(value))
            else { return nil }
            return postings.entities.min()
        }
    }

    /// Checks that a lookup's attr exists and is unique. (`id` lookups with a
    /// non-UUID value were rejected before any step ran, see `checkIDLookups`.)
    func lookupAttr(_ attrID: EntityID, value: JSONValue) throws(InstantError) -> Attr {
        guard let attr = catalog[attrID] else { throw .unknownAttr(attrID) }
        guard attr.isUnique else {
            throw InstantError(
                .sqlRaise, "Raised Exception: \(attr.label) is not a unique attribute on \(attr.etype)")
        }
        return attr
    }

    /// A value-position lookup `[attr-id, v]` on a ref or id attr becomes the entity id (§8.6).
    func resolveValue(_ value: JSONValue, for attr: Attr) throws(InstantError) -> JSONValue {
        guard attr.isRef || attr.isIDAttr, case .array(let pair) = value, pair.count == 2,
            let lookupID = pair[0].entityID, let lookup = catalog[lookupID]
        else { return value }
        guard let slot = catalog.existingSlot(for: lookup.id),
            let entity = store.postings(slot, TripleValue(pair[1]))?.entities.min()
        else { throw .lookupMissing(attr: lookup, value: pair[1]) }
        return JSONValue(entity)
    }

    /// Writes one value with cardinality, uniqueness, type and size rules (§8.6).
    mutating func write(
        _ entity: EntityID, _ attr: Attr, _ value: JSONValue, replacing: Bool = false, work: inout TxWork
    ) throws(InstantError) {
        try validate(value, for: attr, entity: entity)
        let slot = catalog.slot(for: attr.id)
        let stored = TripleValue(value)
        if attr.isIDAttr { work.idWrites.append(EntityEtype(entity, attr.etype)) }
        if attr.cardinality == .one || replacing {
            if let old = store.fact(of: entity, slot) {
                if old.value == stored { return }
                try checkUnique(entity, attr, slot, stored)
                remove(entity, attr, slot, old.value, work: &work)
                insert(entity, attr, slot, stored, createdAt: old.createdAt, work: &work)
            } else {
                try checkUnique(entity, attr, slot, stored)
                insert(entity, attr, slot, stored, createdAt: work.createdAt(for: entity), work: &work)
            }
        } else {
            if store.contains(entity, slot, stored) { return }
            try checkUnique(entity, attr, slot, stored)
            insert(entity, attr, slot, stored, createdAt: work.createdAt(for: entity), work: &work)
        }
        if attr.catalog == .user { catalog.addInferredTypes(InferredTypes(of: value), to: attr.id) }
    }

    /// deep-merge-triple: merges the patch into the current value and writes the result (§8.7).
    mutating func merge(_ entity: EntityID, _ attr: Attr, _ patch: JSONValue, work: inout TxWork) throws(InstantError) {
        let slot = catalog.slot(for: attr.id)
        let current = store.fact(of: entity, slot)?.value.json ?? .null
        let merged = AppState.deepMerge(current, patch)
        try write(entity, attr, merged, replacing: true, work: &work)
        if attr.catalog == .user { catalog.addInferredTypes(InferredTypes(of: patch), to: attr.id) }
    }

    /// The merge of data-model §8.7: objects merge recursively, a null member removes the key.
    static func deepMerge(_ old: JSONValue, _ patch: JSONValue) -> JSONValue {
        guard case .object(var result) = old, case .object(let p) = patch else { return patch }
        for (key, value) in p.entries {
            if value.isNull {
                result[key] = nil
            } else if case .object? = result[key], case .object = value {
                result[key] = deepMerge(result[key]!, value)
            } else {
                result[key] = value
            }
        }
        return .object(result)
    }

    private func checkUnique(_ entity: EntityID, _ attr: Attr, _ slot: AttrSlot, _ value: TripleValue) throws(InstantError) {
        guard attr.isUnique, !value.isNull, let holders = store.postings(slot, value) else { return }
        var other = false
        holders.forEach { if $0 != entity { other = true } }
        if other { throw .recordNotUnique(attr: attr, value: value.json) }
    }

    /// Type, size, link and NUL-byte rules of data-model §8.10.
    func validate(_ value: JSONValue, for attr: Attr, entity: EntityID) throws(InstantError) {
        if AppState.containsNullByte(value) { throw .nullBytes }
        if attr.isRef {
            guard value.entityID != nil else { throw .linkNotUUID(attr: attr, value: value, entity: entity) }
            return
        }
        if let type = attr.checkedDataType, !AppState.matches(value, type) {
            throw .checkedType(attr: attr, value: value, entity: entity)
        }
        if attr.isIndexed || attr.isUnique {
            switch value {
            case .null, .bool, .int, .double: break
            default:
                if value.jsonBytes.count > AppState.maximumIndexedValueBytes {
                    throw .valueTooLarge(attr: attr, value: value, entity: entity)
                }
            }
        }
    }

    static func matches(_ value: JSONValue, _ type: Attr.CheckedDataType) -> Bool {
        switch (type, value) {
        case (_, .null): true
        case (.string, .string): true
        case (.number, _): value.isNumber
        case (.boolean, .bool): true
        case (.date, .int), (.date, .double), (.date, .bigNumber): true
        case (.date, .string(let s)): DateParsing.parse(s, allowRelativeWords: true) != nil
        default: false
        }
    }

    static func containsNullByte(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let s): return s.utf8.contains(0)
        case .array(let a): return a.contains(where: containsNullByte)
        case .object(let o): return o.entries.contains { $0.key.utf8.contains(0) || containsNullByte($0.value) }
        default: return false
        }
    }

    /// Gives every entity whose id triple was written a null triple for each
    /// indexed blob attr of its etype it has no value for (data-model §1.4).
    mutating func fillNulls(work: inout TxWork) {
        guard !work.idWrites.isEmpty else { return }
        var done = Set<EntityEtype>()
        var indexedByEtype: [String: [Attr]] = [:]
        for target in work.idWrites where done.insert(target).inserted {
            let indexed =
                indexedByEtype[target.etype]
                ?? catalog.attrs(of: target.etype).filter { $0.isIndexed && !$0.isRef && !$0.isIDAttr }
            indexedByEtype[target.etype] = indexed
            for attr in indexed {
                let slot = catalog.slot(for: attr.id)
                if store.fact(of: target.entity, slot) == nil {
                    insert(target.entity, attr, slot, .json(.null), createdAt: work.createdAt(for: target.entity), work: &work)
                }
            }
        }
        work.idWrites.removeAll()
    }
}
