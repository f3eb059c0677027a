/// add-attr, update-attr, delete-attr and restore-attr (data-model §2.7).
extension AppState {
    mutating func applyAttrStep(_ step: TxStep, work: inout TxWork) throws(InstantError) {
        switch step {
        case .addAttr(let attr): try addAttr(attr, work: &work)
        case .updateAttr(let patch): try updateAttr(patch, work: &work)
        case .deleteAttr(let id):
            // Upstream scopes the delete to the app's own attrs: system attrs and
            // unknown ids match no row, so the step does nothing.
            guard let attr = catalog[id], attr.catalog == .user else { return }
            catalog.softDelete(id)
            work.attrChanges.append(.deleted(id))
        case .restoreAttr(let id):
            guard var attr = catalog.deleted[id] else { return }
            attr.isIndexed = false
            attr.isRequired = false
            catalog.upsert(attr)
            work.attrChanges.append(.upserted(attr))
        default:
            break
        }
    }

    private mutating func addAttr(_ incoming: Attr, work: inout TxWork) throws(InstantError) {
        var attr = incoming
        attr.catalog = .user
        attr.inferredTypes = nil
        // Upstream validates names before anything touches the database (§2.7).
        try checkReservedNames(attr)
        if let existing = catalog[attr.id] ?? catalog.deleted[attr.id] {
            // Clients resend add-attr after reconnecting: an identical attr is a no-op.
            if AppState.sameDefinition(existing, attr) { return }
            throw InstantError(
                .sqlRaise,
                "Raised Exception: The attribute with id \(attr.id) conflicts with an existing attribute with id \(existing.id).")
        }
        if attr.isRequired {
            if hasEntities(attr.etype) {
                throw .invalidAttributes(
                    "Can't create attribute `\(attr.label)` as required because `\(attr.etype)` already have entities",
                    input: attr.json)
            }
            if attr.etype.hasPrefix("$") {
                throw InstantError(
                    .validationFailed,
                    "You can't create a required system attribute. Make sure it's optional. Check out the docs to learn more: https://www.instantdb.com/docs/modeling-data#required-constraints")
            }
        }
        for identity in [attr.forwardIdentity] + (attr.reverseIdentity.map { [$0] } ?? []) {
            try checkIdentityIsFree(identity)
        }
        catalog.upsert(attr)
        work.attrChanges.append(.upserted(attr))
        if attr.isIndexed && !attr.isRef { backfillNulls(attr, work: &work) }
    }

    /// Names of the system catalogue are taken, and `$` etypes other than
    /// `$users`, `$files`, `$streams` are reserved (§2.7, upstream `validate-system-ident-names!`).
    private func checkReservedNames(_ attr: Attr) throws(InstantError) {
        for identity in [attr.forwardIdentity] + (attr.reverseIdentity.map { [$0] } ?? []) {
            let (etype, label) = (identity.etype, identity.label)
            if let taken = catalog.resolve(etype, label)?.attr, taken.catalog == .system {
                throw .invalidAttributes("\(etype).\(label) is a system column and it already exists.", input: attr.json)
            }
            if etype.hasPrefix("$"), !SystemCatalog.extensibleEtypes.contains(etype) {
                throw .invalidAttributes("$ is reserved for system tables. You can't create \(etype)", input: attr.json)
            }
        }
    }

    /// Upstream keeps identities in a table keyed by ident id and unique on
    /// `(etype, label)`; these are the two ways a new identity can collide (§2.7).
    private func checkIdentityIsFree(_ identity: Attr.Identity) throws(InstantError) {
        for existing in catalog.byID.values {
            for other in [existing.forwardIdentity] + (existing.reverseIdentity.map { [$0] } ?? [])
            where other.id == identity.id && (other.etype, other.label) != (identity.etype, identity.label) {
                // The ident id is in use under another name.
                throw InstantError(
                    .sqlRaise,
                    "Raised Exception: Another attribute for \(identity.etype).\(identity.label) exists with different properties.")
            }
        }
        if catalog.resolve(identity.etype, identity.label) != nil {
            // The name is taken (typically two clients racing to create the same field).
            throw InstantError(
                .recordNotUnique, "`\(identity.label)` already exists on `\(identity.etype)`",
                hint: ["record-type": "ident", "etype": .string(identity.etype), "label": .string(identity.label)])
        }
    }

    private mutating func updateAttr(_ patch: JSONObject, work: inout TxWork) throws(InstantError) {
        // Upstream's update is scoped to the app's own attrs: unknown ids and system
        // attrs match no row and the step does nothing.
        guard let id = patch["id"]?.entityID, var attr = catalog[id], attr.catalog == .user else { return }
        let before = attr
        if let f = patch["forward-identity"].flatMap(Attr.Identity.init(json:)) { attr.forwardIdentity = f }
        if let r = patch["reverse-identity"], let identity = Attr.Identity(json: r) { attr.reverseIdentity = identity }
        if case .bool(let b)? = patch["unique?"] { attr.isUnique = b }
        if case .bool(let b)? = patch["index?"] { attr.isIndexed = b }
        if case .bool(let b)? = patch["required?"] { attr.isRequired = b }
        if let c = patch["cardinality"]?.stringValue.flatMap(Attr.Cardinality.init(rawValue:)) { attr.cardinality = c }
        if let v = patch["value-type"]?.stringValue.flatMap(Attr.ValueType.init(rawValue:)) { attr.valueType = v }
        if let c = patch["checked-data-type"] {
            attr.checkedDataType = c.stringValue.flatMap(Attr.CheckedDataType.init(rawValue:))
        }
        // update-attr always overwrites the cascade flags with what it was given (§2.7).
        attr.onDeleteCascade = patch["on-delete"]?.stringValue == "cascade"
        attr.onDeleteReverseCascade = patch["on-delete-reverse"]?.stringValue == "cascade"
        try checkReservedNames(attr)
        if attr.isUnique && !before.isUnique { try checkNoDuplicates(attr) }
        // Upstream checks `required?` after every step of the tx has run, so the
        // same transaction may fill the missing values (§2.7, `validate-update-required!`).
        if case .bool(true)? = patch["required?"] { work.requiredUpdates.append(attr.id) }
        catalog.upsert(attr)
        work.attrChanges.append(.upserted(attr))
        if attr.isIndexed && !before.isIndexed && !attr.isRef { backfillNulls(attr, work: &work) }
    }

    /// Making an attr unique fails on existing duplicate non-null values, as
    /// upstream's unique index would (§8.10 `record-not-unique`).
    private func checkNoDuplicates(_ attr: Attr) throws(InstantError) {
        guard let slot = catalog.existingSlot(for: attr.id) else { return }
        for (value, holders) in store.valueIndex(slot) where !value.isNull && holders.count > 1 {
            throw .recordNotUnique(attr: attr, value: value.json)
        }
    }

    /// After the data steps: every entity with a non-null triple in the etype of an
    /// attr updated to `required?: true` must hold a non-null value for it (§2.7).
    func checkRequiredUpdates(work: TxWork) throws(InstantError) {
        for id in work.requiredUpdates {
            guard let attr = catalog[id] else { continue }
            let slot = catalog.existingSlot(for: attr.id)
            let lacking = entities(withDataIn: attr.etype).contains { entity in
                !(slot.map { store.facts(of: entity, $0).contains { !$0.value.isNull } } ?? false)
            }
            if lacking {
                throw .invalidAttributes(
                    "Can't update attribute `\(attr.label)` to required because `\(attr.etype)` already have entities without it",
                    input: ["id": JSONValue(attr.id)])
            }
        }
    }

    /// Entities holding at least one non-null triple of a live attr of `etype`.
    func entities(withDataIn etype: String) -> Set<EntityID> {
        var out = Set<EntityID>()
        for attr in catalog.attrs(of: etype) {
            guard let slot = catalog.existingSlot(for: attr.id) else { continue }
            for (value, holders) in store.valueIndex(slot) where !value.isNull { holders.forEach { out.insert($0) } }
        }
        return out
    }

    /// Null triples for every listed entity of the attr's etype that lacks a value (§1.4).
    private mutating func backfillNulls(_ attr: Attr, work: inout TxWork) {
        guard let idAttr = catalog.idAttr(attr.etype), idAttr.id != attr.id,
            let idSlot = catalog.existingSlot(for: idAttr.id)
        else { return }
        let slot = catalog.slot(for: attr.id)
        var entities: [EntityID] = []
        for (_, holders) in store.valueIndex(idSlot) { entities.append(contentsOf: holders.entities) }
        for e in entities.sorted() where store.fact(of: e, slot) == nil {
            insert(e, attr, slot, .json(.null), createdAt: work.now, work: &work)
        }
    }

    /// Whether any live attr of the etype has a triple.
    func hasEntities(_ etype: String) -> Bool {
        catalog.attrs(of: etype).contains { attr in
            catalog.existingSlot(for: attr.id).map { store.count(of: $0) > 0 } ?? false
        }
    }

    /// Same attr apart from server-maintained fields: a resent add-attr is a no-op.
    static func sameDefinition(_ a: Attr, _ b: Attr) -> Bool {
        var x = a
        var y = b
        x.inferredTypes = nil
        y.inferredTypes = nil
        x.catalog = .user
        y.catalog = .user
        return x == y
    }
}
