/// The permission checks of one non-admin transaction (permissions §6).
///
/// Built from the steps on the state before any data step runs (existence, `data`
/// maps and the simulated `newData`, §6.1 steps 4–6). `runPreChecks` evaluates the
/// checks that read the old state; the caller then writes, and `runPostChecks`
/// evaluates the checks that read the new state. A failure throws, and the caller
/// undoes the whole transaction. The plan never keeps the state it is given, so the
/// transaction's writes never copy the store.
struct TxPermissionPlan {
    /// One `(entity, etype)` the transaction touches.
    struct Touched {
        /// Whether it existed before the transaction (§6.1: per etype).
        var existed: Bool
        /// Its map before the transaction.
        var before: JSONObject
        /// Its map with every step of the transaction applied (§6.1 step 5).
        var after: JSONObject
        /// Whether an add/merge of a data attr wrote it (update/create checks).
        var dataWritten = false
    }

    /// One link or unlink step.
    struct LinkStep {
        var entity: EntityID
        var attr: Attr
        var target: EntityID
        var isUnlink: Bool
    }

    let viewer: RuleViewer
    let rules: RuleSet
    let auth: JSONObject?
    let now: Int64
    var touched: [EntityEtype: Touched] = [:]
    var order: [EntityEtype] = []
    var modified: [EntityID: [String]] = [:]
    var ruleParams: [EntityEtype: JSONObject] = [:]
    var links: [LinkStep] = []
    var deletes: [EntityEtype]
    var addedAttrs: [Attr] = []
    var changesAttrs = false
    /// Writes through lookups that did not resolve yet: the write creates the entity.
    var pendingLookups: [(ref: EntityRef, etype: String, labels: [String])] = []
    /// Checks already evaluated (identical checks run once, §6.1 step 11).
    var done: Set<String> = []
    /// Dry-run reports (protocol-http §4.4); nil when checks throw instead.
    var records: [JSONValue]?

    init(
        steps: [TxStep], deletes: [EntityEtype], state: AppState, viewer: RuleViewer, now: Int64,
        recording: Bool
    ) {
        self.viewer = viewer
        rules = viewer.rulesOverride ?? state.rules
        auth = viewer.user.map { state.authMap(of: $0) }
        self.now = now
        self.deletes = deletes
        records = recording ? [] : nil
        for step in steps { collect(step, state: state) }
    }

    /// Reads one step into the plan.
    private mutating func collect(_ step: TxStep, state: AppState) {
        switch step {
        case .addAttr(let attr):
            addedAttrs.append(attr)
        case .updateAttr, .deleteAttr, .restoreAttr:
            changesAttrs = true
        case .addTriple(let ref, let attrID, let value, _), .deepMergeTriple(let ref, let attrID, let value, _):
            guard let attr = state.catalog[attrID] else { return }
            let isMerge = if case .deepMergeTriple = step { true } else { false }
            guard let entity = (try? state.resolveExisting(ref)) ?? nil else {
                pendingLookups.append((ref, attr.etype, attr.label == "id" ? [] : [attr.label]))
                return
            }
            let key = touch(entity, attr.etype, state: state)
            if attr.label != "id", !(modified[entity]?.contains(attr.label) ?? false) {
                modified[entity, default: []].append(attr.label)
            }
            if attr.isRef, !isMerge {
                guard let target = Self.target(value, attr: attr, state: state) else { return }
                touched[key]?.after[attr.label] = JSONValue(target)
                if let reverse = attr.reverseIdentity { _ = touch(target, reverse.etype, state: state) }
                links.append(LinkStep(entity: entity, attr: attr, target: target, isUnlink: false))
            } else {
                let old = touched[key]?.after[attr.label] ?? .null
                touched[key]?.after[attr.label] = isMerge ? AppState.deepMerge(old, value) : value
                touched[key]?.dataWritten = true
            }
        case .retractTriple(let ref, let attrID, let value):
            guard let attr = state.catalog[attrID], attr.isRef, let entity = (try? state.resolveExisting(ref)) ?? nil,
                let target = Self.target(value, attr: attr, state: state)
            else { return }
            let key = touch(entity, attr.etype, state: state)
            if touched[key]?.after[attr.label] == JSONValue(target) { touched[key]?.after[attr.label] = nil }
            if let reverse = attr.reverseIdentity { _ = touch(target, reverse.etype, state: state) }
            links.append(LinkStep(entity: entity, attr: attr, target: target, isUnlink: true))
        case .ruleParams(let ref, let etype, let params):
            guard let etype, case .object(let o) = params,
                let entity = ((try? state.resolveExisting(ref)) ?? nil) ?? ref.plainID
            else { return }
            let key = EntityEtype(entity, etype)
            var merged = ruleParams[key] ?? JSONObject()
            for (k, v) in o.entries { merged[k] = v }
            ruleParams[key] = merged
        case .deleteEntity:
            break
        }
    }

    /// Loads an entity the first time the transaction touches it.
    private mutating func touch(_ entity: EntityID, _ etype: String, state: AppState) -> EntityEtype {
        let key = EntityEtype(entity, etype)
        if touched[key] == nil {
            var before = state.ruleMap(of: entity, etype: etype)
            let existed = !before.isEmpty
            var after = before
            after["id"] = JSONValue(entity)
            if existed { before["id"] = JSONValue(entity) }
            touched[key] = Touched(existed: existed, before: before, after: after)
            order.append(key)
        }
        return key
    }

    /// The entity a link value names (an id, or a lookup that already resolves).
    static func target(_ value: JSONValue, attr: Attr, state: AppState) -> EntityID? {
        if let id = value.entityID { return id }
        return ((try? state.resolveValue(value, for: attr)) ?? nil)?.entityID
    }
}
