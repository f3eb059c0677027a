/// System-namespace guards, mode checks and required attrs (data-model §8.4, §8.5, §8.9).
extension AppState {
    /// Rejects writes to guarded system attrs and deletes of system entities (§8.4).
    func checkGuards(_ steps: [TxStep], deletes: [EntityEtype], context: TransactionContext) throws(InstantError) {
        if !context.isAdmin {
            for target in deletes where target.etype.hasPrefix("$") && target.etype != "$files" {
                throw .invalidStep("\(target.etype) is a system entity. You aren't allowed to delete this directly.")
            }
        }
        for step in steps {
            let ref: EntityRef
            let attrID: EntityID
            let value: JSONValue
            switch step {
            case .addTriple(let r, let a, let v, _), .deepMergeTriple(let r, let a, let v, _), .retractTriple(let r, let a, let v):
                (ref, attrID, value) = (r, a, v)
            default: continue
            }
            guard let attr = catalog[attrID] else { continue }
            if attr.catalog == .system, !SystemCatalog.writableIdentities.contains(attr.qualifiedName) {
                let neverWritable = attr.etype == "$files" || attr.etype == "$streams"
                if !context.isAdmin || neverWritable {
                    throw .invalidStep("\(attr.qualifiedName) is a system column. You aren't allowed to change this directly.")
                }
            }
            if attr.qualifiedName == "$files.path", let path = value.stringValue, path.hasPrefix("$stream/") {
                throw .invalidStep("The path for stream files can't be edited.")
            }
            guard !context.isAdmin else { continue }
            if case .lookup(let lookupID, _) = ref {
                guard let lookup = catalog[lookupID] else {
                    throw .validation(
                        "lookup", "Invalid lookup. Could not determine namespace from lookup attribute.", input: ref.json)
                }
                if lookup.etype != attr.etype {
                    throw .invalidStep(
                        "Invalid transaction. The namespace in the lookup attribute is different from the namespace of the attribute that is being set")
                }
            }
            if attr.isRef, value.entityID == nil {
                guard case .array(let pair) = value, pair.count == 2, pair[0].entityID != nil else {
                    throw .validation("eid", "Expected link value to be a uuid.", input: value)
                }
            }
            // A value-position lookup must name an attr of the namespace the link points to
            // (upstream `validate-value-lookup-etypes`).
            if let targetEtype = attr.reverseIdentity?.etype, case .array(let pair) = value, pair.count == 2,
                let lookupID = pair[0].entityID
            {
                guard let lookup = catalog[lookupID] else {
                    throw .validation(
                        "lookup", "Invalid lookup. Could not determine namespace from lookup attribute.", input: value)
                }
                if lookup.etype != targetEtype {
                    throw .invalidStep(
                        "Invalid transaction. The namespace in the lookup attribute is different from the namespace of the attribute that is being set")
                }
            }
            // A write (add or merge) that would create a `$users` row; an unmatched
            // lookup would create one too (upstream's permission `create?` branch).
            if attr.etype == "$users", step.kind != .retractTriple {
                let existing = (try? resolveExisting(ref)) ?? nil
                if existing.map({ !exists($0, in: "$users") }) ?? true {
                    throw .invalidStep("$users is a system entity. You aren't allowed to create this directly.")
                }
            }
        }
    }

    /// Lookups on an `id` attr, in entity or value position, must hold a UUID (§2.3).
    /// Upstream checks this while validating the whole step vector, before any step runs.
    func checkIDLookups(_ steps: [TxStep]) throws(InstantError) {
        for (index, step) in steps.enumerated() {
            let ref: EntityRef
            var value: JSONValue?
            switch step {
            case .addTriple(let r, _, let v, _), .deepMergeTriple(let r, _, let v, _), .retractTriple(let r, _, let v):
                (ref, value) = (r, v)
            case .deleteEntity(let r, _):
                ref = r
            default: continue
            }
            if case .lookup(let attrID, let lookupValue) = ref, let attr = catalog[attrID], attr.label == "id",
                lookupValue.entityID == nil
            {
                throw .invalidIDLookup(attr: attr, value: lookupValue, stepIndex: index, position: 1)
            }
            if case .array(let pair)? = value, pair.count == 2, let attrID = pair[0].entityID, let attr = catalog[attrID],
                attr.label == "id", pair[1].entityID == nil
            {
                throw .invalidIDLookup(attr: attr, value: pair[1], stepIndex: index, position: 3)
            }
        }
    }

    /// `create` must not find the entity, `update` must (§8.5), judged before any write.
    func checkModes(_ steps: [TxStep]) throws(InstantError) {
        var creating: [String] = []
        var updating: [String] = []
        for step in steps {
            let ref: EntityRef
            let attrID: EntityID
            let mode: TxMode?
            switch step {
            case .addTriple(let r, let a, _, let m), .deepMergeTriple(let r, let a, _, let m): (ref, attrID, mode) = (r, a, m)
            default: continue
            }
            guard let mode, mode != .upsert, let attr = catalog[attrID] else { continue }
            let found: Bool
            switch ref {
            case .id(let e): found = exists(e, in: attr.etype)
            case .lookup: found = (try? resolveExisting(ref)) != nil
            }
            let shown = ref.upstreamText
            if mode == .create, found, !creating.contains(shown) { creating.append(shown) }
            if mode == .update, !found, !updating.contains(shown) { updating.append(shown) }
        }
        if !creating.isEmpty {
            throw .invalidStep("Creating entities that exist: \(creating.joined(separator: ", "))")
        }
        if !updating.isEmpty {
            throw .invalidStep("Updating entities that don't exist: \(updating.joined(separator: ", "))")
        }
    }

    /// Every touched entity that is still alive in an etype with required attrs must
    /// hold a non-null value for each of them and for `id` (§8.9).
    ///
    /// "Alive" is upstream's notion in `validate-required!`: the entity has at least
    /// one non-null triple in the etype (a deleted entity, or one left with only null
    /// triples, is not checked).
    func checkRequired(work: TxWork) throws(InstantError) {
        var missing: [(attr: Attr, entities: [EntityID])] = []
        var requiredByEtype: [String: [Attr]] = [:]
        for target in work.touched.sorted(by: { ($0.etype, $0.entity) < ($1.etype, $1.entity) }) {
            let required =
                requiredByEtype[target.etype] ?? catalog.attrs(of: target.etype).filter { $0.isRequired || $0.isIDAttr }
            requiredByEtype[target.etype] = required
            guard required.contains(where: \.isRequired), hasNonNullTriple(target.entity, in: target.etype) else {
                continue
            }
            for attr in required {
                let present = catalog.existingSlot(for: attr.id).map { slot in
                    store.facts(of: target.entity, slot).contains { !$0.value.isNull }
                }
                guard present != true else { continue }
                if let i = missing.firstIndex(where: { $0.attr.id == attr.id }) {
                    missing[i].entities.append(target.entity)
                } else {
                    missing.append((attr, [target.entity]))
                }
            }
        }
        guard !missing.isEmpty else { return }
        let message = missing.map { item in
            let plural = item.entities.count > 1 ? "attributes" : "attribute"
            return "Missing required \(plural) `\(item.attr.etype)/\(item.attr.label)`: "
                + item.entities.map(\.uuidString).joined(separator: ", ")
        }.joined(separator: ". ")
        // Upstream's hint is the rows of its check query, keys as the columns are named.
        let records: [JSONValue] = missing.flatMap { item in
            item.entities.map { e -> JSONValue in
                [
                    "entity_id": JSONValue(e), "attr_id": JSONValue(item.attr.id), "etype": .string(item.attr.etype),
                    "label": .string(item.attr.label), "is_required": .bool(item.attr.isRequired),
                ]
            }
        }
        throw InstantError(.validationFailed, message, hint: ["records": .array(records)])
    }

    /// Whether `entity` has a non-null triple of a live attr of `etype`.
    func hasNonNullTriple(_ entity: EntityID, in etype: String) -> Bool {
        store.facts(of: entity).contains { !$0.value.isNull && attr(at: $0.attr)?.etype == etype }
    }
}
