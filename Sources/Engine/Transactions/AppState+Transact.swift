/// Applying a transaction (data-model §8): attr steps, preprocessing, guards,
/// mode checks, then data steps grouped by kind in upstream order, then required checks.
extension AppState {
    /// Applies `steps` atomically and returns what changed. On error nothing changes.
    public mutating func transact(
        _ steps: [TxStep], context: TransactionContext = TransactionContext(), now: Int64
    ) throws(InstantError) -> TxReport {
        let catalogBefore = catalog
        // Even an undone transaction may leave equal data in another storage order.
        generation = StateGeneration.next()
        var work = TxWork(context: context, now: now)
        do {
            try run(steps, work: &work)
        } catch {
            undo(work)
            catalog = catalogBefore
            throw error
        }
        lastTxID += 1
        // Orderings follow the catalogue; data changes already kept existing ones current.
        if !work.attrChanges.isEmpty || !store.orderingsPrepared { prepareOrderings() }
        var attrs: [EntityID: Attr] = [:]
        for change in work.changes where attrs[change.triple.attr] == nil {
            attrs[change.triple.attr] = catalog[change.triple.attr] ?? catalog.deleted[change.triple.attr]
        }
        return TxReport(
            txID: lastTxID, createdAt: now, changes: work.changes, attrChanges: work.attrChanges, attrs: attrs,
            ruleParams: work.ruleParams, checkResults: work.checkResults)
    }

    private mutating func run(_ steps: [TxStep], work: inout TxWork) throws(InstantError) {
        var order: [TxStep.Kind] = []
        for step in steps where !order.contains(step.kind) { order.append(step.kind) }
        // Attr steps run first so data steps can use attrs added anywhere in the tx (§8.2.1).
        for kind in order where kind.changesAttrs {
            for step in steps where step.kind == kind { try applyAttrStep(step, work: &work) }
        }
        try checkIDLookups(steps)
        let deletes = try expandDeletes(steps)
        try checkGuards(steps, deletes: deletes, context: work.context)
        try checkModes(steps)
        // Permission pre-checks read the state before any data step (permissions §6.1).
        var permissions: TxPermissionPlan?
        if let viewer = work.context.viewer {
            permissions = TxPermissionPlan(
                steps: steps, deletes: deletes, state: self, viewer: viewer, now: work.now,
                recording: work.context.recordsChecks)
            try permissions?.runPreChecks(on: self)
        }
        for kind in order where !kind.changesAttrs {
            switch kind {
            case .addTriple:
                for case .addTriple(let ref, let attrID, let value, _) in steps {
                    let attr = try liveAttr(attrID)
                    let entity = try resolveForWrite(ref, writing: attr, value: value, work: &work)
                    let resolved = try resolveValue(value, for: attr)
                    try write(entity, attr, resolved, work: &work)
                }
                fillNulls(work: &work)
            case .deepMergeTriple:
                for case .deepMergeTriple(let ref, let attrID, let patch, _) in steps {
                    let attr = try liveAttr(attrID)
                    guard !attr.isRef else { throw .mergeOnLink }
                    let entity = try resolveForWrite(ref, writing: attr, value: patch, work: &work)
                    try merge(entity, attr, patch, work: &work)
                }
                // Deep-merge never null-fills (§8.7), even when it writes an id triple:
                // drop those so a later add-triple group does not fill for them.
                work.idWrites.removeAll()
            case .retractTriple:
                for case .retractTriple(let ref, let attrID, let value) in steps {
                    let attr = try liveAttr(attrID)
                    guard let entity = try resolveExisting(ref),
                        let resolved = try? resolveValue(value, for: attr)
                    else { continue }
                    guard let slot = catalog.existingSlot(for: attr.id) else { continue }
                    remove(entity, attr, slot, TripleValue(resolved), work: &work)
                }
            case .deleteEntity:
                for target in deletes { deleteEntity(target.entity, target.etype, work: &work) }
            case .ruleParams:
                for case .ruleParams(let ref, let etype, let params) in steps {
                    guard let entity = try resolveExisting(ref) ?? ref.plainID, let etype,
                        case .object(let o) = params
                    else { continue }
                    let key = EntityEtype(entity, etype)
                    var merged = work.ruleParams[key] ?? JSONObject()
                    for (k, v) in o.entries { merged[k] = v }
                    work.ruleParams[key] = merged
                }
            case .addAttr, .updateAttr, .deleteAttr, .restoreAttr:
                break
            }
        }
        try checkRequired(work: work)
        try checkRequiredUpdates(work: work)
        try permissions?.runPostChecks(on: self)
        work.checkResults = permissions?.records ?? []
    }

    /// The live attr with this id, or upstream's "could not find an attribute" error.
    func liveAttr(_ id: EntityID) throws(InstantError) -> Attr {
        guard let attr = catalog[id] else { throw .unknownAttr(id) }
        return attr
    }
}

extension EntityRef {
    /// The id when the ref is a plain id.
    var plainID: EntityID? {
        if case .id(let e) = self { return e }
        return nil
    }
}
