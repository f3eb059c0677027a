/// add-attr, update-attr, delete-attr and restore-attr (data-model §2.7).
extension AppState {
    mutating func applyAttrStep(_ step: TxStep, work: inout TxWork) throws(InstantError) {
        switch step {
        case .addAttr(let attr): try addAttr(attr, work: &work)
        case .updateAttr(let patch): try updateAttr(patch, work: &work)
        case .deleteAttr(let id):
            guard catalog[id] != nil else { return }
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
        if let existing = catalog[attr.id] ?? catalog.deleted[attr.id] {
            if AppState.sameDefinition(existing, attr) { return }
            throw InstantError(
                .sqlRaise,
                "Raised Exception: The attribute with id \(attr.id) conflicts with an existing attribute with id \(existing.id).")
        }
        for identity in [attr.forwardIdentity] + (attr.reverseIdentity.map { [$0] } ?? []) {
            try checkName(identity, isForward: identity == attr.forwardIdentity)
        }
        if attr.isRequired {
            if attr.etype.hasPrefix("$") {
                throw InstantError(
                    .validationFailed,
                    "You can't create a required system attribute. Make sure it's optional. Check out the docs to learn more: https://www.instantdb.com/docs/modeling-data#required-constraints")
            }
            if hasEntities(attr.etype) {
                throw InstantError(
                    .validationFailed,
                    "Can't create attribute `\(attr.label)` as required because `\(attr.etype)` already have entities")
            }
        }
        catalog.upsert(attr)
        work.attrChanges.append(.upserted(attr))
        if attr.isIndexed && !attr.isRef { backfillNulls(attr, work: &work) }
    }

    private func checkName(_ identity: Attr.Identity, isForward: Bool) throws(InstantError) {
        let etype = identity.etype
        let label = identity.label
        if let taken = catalog.resolve(etype, label)?.attr {
            if taken.catalog == .system {
                throw InstantError(.validationFailed, "\(etype).\(label) is a system column and it already exists.")
            }
            let takenIdentity = catalog.forward(etype, label) != nil ? taken.forwardIdentity : taken.reverseIdentity
            if takenIdentity?.id == identity.id {
                throw InstantError(
                    .sqlRaise, "Raised Exception: Another attribute for \(etype).\(label) exists with different properties.")
            }
            throw InstantError(
                .recordNotUnique, "`\(label)` already exists on `\(etype)`",
                hint: ["record-type": "ident", "etype": .string(etype), "label": .string(label)])
        }
        if etype.hasPrefix("$"), !SystemCatalog.extensibleEtypes.contains(etype) {
            throw InstantError(.validationFailed, "$ is reserved for system tables. You can't create \(etype)")
        }
    }

    private mutating func updateAttr(_ patch: JSONObject, work: inout TxWork) throws(InstantError) {
        guard let id = patch["id"]?.entityID, var attr = catalog[id] else {
            throw .unknownAttr(patch["id"]?.entityID ?? EntityID(high: 0, low: 0))
        }
        let before = attr
        if let f = patch["forward-identity"].flatMap(Attr.Identity.init(json:)) { attr.forwardIdentity = f }
        if let r = patch["reverse-identity"] { attr.reverseIdentity = Attr.Identity(json: r) }
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
        if attr.isRequired && !before.isRequired, let idAttr = catalog.idAttr(attr.etype),
            let idSlot = catalog.existingSlot(for: idAttr.id)
        {
            let slot = catalog.slot(for: attr.id)
            for (_, holders) in store.valueIndex(idSlot) {
                for e in holders.entities where !store.facts(of: e, slot).contains(where: { !$0.value.isNull }) {
                    throw InstantError(
                        .validationFailed,
                        "Can't update attribute `\(attr.label)` to required because `\(attr.etype)` already have entities without it")
                }
            }
        }
        catalog.upsert(attr)
        work.attrChanges.append(.upserted(attr))
        if attr.isIndexed && !before.isIndexed && !attr.isRef { backfillNulls(attr, work: &work) }
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
