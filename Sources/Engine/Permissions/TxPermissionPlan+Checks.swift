/// Which checks each step produces and when they run (permissions §6.2).
extension TxPermissionPlan {
    /// Checks on the state before the write: update, delete, link/unlink of existing
    /// entities, view of existing link targets, and attr changes (admin only).
    mutating func runPreChecks(on state: AppState) throws(InstantError) {
        if changesAttrs {
            try conclude(
                scope: "attr", action: "update", etype: "attrs", entity: nil, program: nil, bindings: nil,
                forced: false)
        }
        for key in order {
            guard let entry = touched[key], entry.existed, entry.dataWritten else { continue }
            try check(.update, key, data: entry.before, newData: entry.after, state: state)
        }
        for link in links {
            let e = EntityEtype(link.entity, link.attr.etype)
            let reverseEtype = link.attr.reverseIdentity?.etype
            let t = reverseEtype.map { EntityEtype(link.target, $0) }
            let action: CELRuleAction = link.isUnlink ? .unlink : .link
            let eRule = rules.hasLinkRule(etype: e.etype, label: link.attr.label, action: action)
            let tRule =
                link.attr.reverseIdentity.map { rules.hasLinkRule(etype: $0.etype, label: $0.label, action: action) }
                ?? false
            let eEntry = touched[e]
            let tEntry = t.flatMap { touched[$0] }
            if eRule || tRule {
                if eRule, let eEntry, eEntry.existed {
                    let linked = tEntry.flatMap { $0.existed ? ($0.before, t!.etype) : nil }
                    let actions: JSONObject? =
                        link.isUnlink
                        ? nil
                        : ["data": "update", "linkedData": .string(tEntry?.existed == true ? "update" : "create")]
                    try linkCheck(
                        action, e, label: link.attr.label, data: eEntry.before, newData: eEntry.after, linked: linked,
                        other: t, actions: actions, state: state)
                }
                if tRule, let t, let tEntry, tEntry.existed, let reverse = link.attr.reverseIdentity {
                    var data = tEntry.before
                    var actions: JSONObject?
                    var linked = (eEntry?.after ?? JSONObject(), e.etype)
                    if link.isUnlink {
                        linked = (eEntry?.before ?? JSONObject(), e.etype)
                    } else {
                        data["$action"] = "update"
                        actions = [
                            "data": "update", "linkedData": .string(eEntry?.existed == true ? "update" : "create"),
                        ]
                    }
                    try linkCheck(
                        action, t, label: reverse.label, data: data, newData: tEntry.after, linked: linked, other: e,
                        actions: actions, state: state)
                }
            } else {
                if let eEntry, eEntry.existed {
                    try check(.update, e, data: eEntry.before, newData: eEntry.after, state: state)
                }
                if let t, let tEntry, tEntry.existed {
                    try check(.view, t, data: tEntry.before, newData: nil, state: state)
                }
            }
        }
        for key in deletes {
            var data = state.ruleMap(of: key.entity, etype: key.etype)
            if !data.isEmpty { data["id"] = JSONValue(key.entity) }
            try check(.delete, key, data: data, newData: nil, state: state)
        }
    }

    /// Checks on the state after the write: create of new entities (including those a
    /// lookup created), link checks and target views of new entities, attr creation.
    mutating func runPostChecks(on state: AppState) throws(InstantError) {
        for key in order {
            guard let entry = touched[key], !entry.existed, entry.dataWritten else { continue }
            let data = afterMap(key, state: state)
            try check(.create, key, data: data, newData: data, state: state)
        }
        for pending in pendingLookups {
            guard let entity = (try? state.resolveExisting(pending.ref)) ?? nil else { continue }
            for label in pending.labels where !(modified[entity]?.contains(label) ?? false) {
                modified[entity, default: []].append(label)
            }
            let key = EntityEtype(entity, pending.etype)
            let data = afterMap(key, state: state)
            try check(.create, key, data: data, newData: data, state: state)
        }
        for link in links where !link.isUnlink {
            let e = EntityEtype(link.entity, link.attr.etype)
            guard let reverse = link.attr.reverseIdentity else { continue }
            let t = EntityEtype(link.target, reverse.etype)
            let eRule = rules.hasLinkRule(etype: e.etype, label: link.attr.label, action: .link)
            let tRule = rules.hasLinkRule(etype: t.etype, label: reverse.label, action: .link)
            let eExisted = touched[e]?.existed ?? false
            let tExisted = touched[t]?.existed ?? false
            let tCreated = !tExisted && state.exists(t.entity, in: t.etype)
            if eRule || tRule {
                if eRule, !eExisted {
                    let data = afterMap(e, state: state)
                    let actions: JSONObject = ["data": "create", "linkedData": .string(tExisted ? "update" : "create")]
                    try linkCheck(
                        .link, e, label: link.attr.label, data: data, newData: data,
                        linked: (afterMap(t, state: state), t.etype), other: t, actions: actions, state: state)
                }
                if tRule, tCreated {
                    let data = afterMap(t, state: state)
                    let actions: JSONObject = ["data": "create", "linkedData": .string(eExisted ? "update" : "create")]
                    try linkCheck(
                        .link, t, label: reverse.label, data: data, newData: data,
                        linked: (afterMap(e, state: state), e.etype), other: e, actions: actions, state: state)
                }
            } else {
                if !eExisted {
                    let data = afterMap(e, state: state)
                    try check(.create, e, data: data, newData: data, state: state)
                }
                if tCreated { try check(.view, t, data: afterMap(t, state: state), newData: nil, state: state) }
            }
        }
        for attr in addedAttrs {
            let program = rules.program(.attrsCreate)
            let data = attr.json.objectValue ?? JSONObject()
            let bindings = makeBindings(state: state, data: data, etype: "attrs", newData: data, params: JSONObject())
            try conclude(
                scope: "attr", action: "create", etype: "attrs", entity: attr.id, program: program, bindings: bindings,
                forced: true)
        }
    }

    /// The entity as stored now, with its id.
    func afterMap(_ key: EntityEtype, state: AppState) -> JSONObject {
        var map = state.ruleMap(of: key.entity, etype: key.etype)
        map["id"] = JSONValue(key.entity)
        return map
    }

    /// An entity check (view, create, update, delete).
    mutating func check(
        _ action: CELRuleAction, _ key: EntityEtype, data: JSONObject, newData: JSONObject?, state: AppState
    ) throws(InstantError) {
        guard done.insert("\(action.rawValue)|\(key.etype)|\(key.entity)").inserted else { return }
        var bindings = makeBindings(
            state: state, data: data, etype: key.etype, newData: newData, params: ruleParams[key] ?? JSONObject())
        if action == .create || action == .update { bindings.modifiedFields = modified[key.entity] ?? [] }
        try conclude(
            scope: "object", action: action.rawValue, etype: key.etype, entity: key.entity,
            program: rules.program(etype: key.etype, action: action), bindings: bindings, forced: true)
    }

    /// A link or unlink check on one side; `ruleParams` merge the other side's (§6.2).
    mutating func linkCheck(
        _ action: CELRuleAction, _ key: EntityEtype, label: String, data: JSONObject, newData: JSONObject,
        linked: (JSONObject, String)?, other: EntityEtype?, actions: JSONObject?, state: AppState
    ) throws(InstantError) {
        guard done.insert("\(action.rawValue)|\(key.etype)|\(key.entity)|\(label)").inserted else { return }
        var params = other.flatMap { ruleParams[$0] } ?? JSONObject()
        for (k, v) in (ruleParams[key] ?? JSONObject()).entries { params[k] = v }
        var bindings = makeBindings(state: state, data: data, etype: key.etype, newData: newData, params: params)
        bindings.linkedData = linked.map { (object: $0.0, etype: $0.1) }
        bindings.actions = actions
        try conclude(
            scope: "object", action: action.rawValue, etype: key.etype, entity: key.entity,
            program: rules.program(.link(etype: key.etype, label: label, action)), bindings: bindings, forced: true)
    }

    func makeBindings(state: AppState, data: JSONObject, etype: String, newData: JSONObject?, params: JSONObject)
        -> RuleBindings
    {
        RuleBindings(
            state: state, viewer: viewer, rules: rules, auth: auth, data: data, etype: etype, newData: newData,
            linkedData: nil, ruleParams: params, actions: nil, now: now)
    }

    /// Evaluates one check: records it for dry runs, else throws on denial (§8.1) or on
    /// an evaluation failure (§8.3). `program == nil` passes, unless `forced` is false
    /// (attr changes, which only admins may make).
    mutating func conclude(
        scope: String, action: String, etype: String, entity: EntityID?, program: RuleProgram?,
        bindings: RuleBindings?, forced: Bool
    ) throws(InstantError) {
        var result: Result<CELValue, InstantError> = .success(.bool(forced))
        if let program, let bindings { result = program.evaluate(in: bindings, showDetails: viewer.showsDetails) }
        let passed = (try? result.get())?.passesRule ?? false
        if records != nil {
            var row = JSONObject([
                ("scope", .string(scope)), ("action", .string(action)), ("etype", .string(etype)),
                ("eid", entity.map { JSONValue($0) } ?? .null), ("program", program?.json ?? .object(JSONObject())),
            ])
            if let bindings {
                var shown = JSONObject([("data", .object(bindings.data))])
                if let newData = bindings.newData { shown["new-data"] = .object(newData) }
                shown["rule-params"] = .object(bindings.ruleParams)
                shown["modified-fields"] = .array(bindings.modifiedFields.map { .string($0) })
                row["bindings"] = .object(shown)
            }
            switch result {
            case .success(let value): row["check-result"] = value.jsonValue
            case .failure(let error): row["check-result"] = error.json
            }
            row["check-pass?"] = .bool(passed)
            records?.append(.object(row))
            return
        }
        if case .failure(let error) = result { throw error }
        guard passed else {
            throw InstantError(
                .permissionDenied, "Permission denied: not perms-pass?",
                hint: ["input": [.string(etype), .string(scope)], "expected": "perms-pass?"])
        }
    }
}
