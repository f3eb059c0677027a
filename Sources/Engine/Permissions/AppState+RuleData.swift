/// The data rules read from the store: entity maps (permissions §3.3) and `ref` paths (§3.4).
extension AppState {
    /// The entity as rules see it: every cardinality-one attr of `etype` it holds
    /// (has-one links as the linked id), and `id`. Empty when it has none.
    public func ruleMap(of entity: EntityID, etype: String) -> JSONObject {
        let facts = store.facts(of: entity)
        var map = JSONObject(minimumCapacity: facts.count)
        for fact in facts {
            guard let attr = attr(at: fact.attr), attr.etype == etype, attr.cardinality == .one else { continue }
            map[attr.label] = fact.value.json
        }
        return map
    }

    /// Where the named members of `etype`'s entity maps live: per label the slot of its
    /// live cardinality-one attr (nil: no such attr, the member reads null), and the slot
    /// of the etype's `id` attr, whose triple tells that a map is not empty.
    func ruleFieldSlots(etype: String, labels: [String]) -> RuleFieldSlots {
        let slot = { (label: String) -> AttrSlot? in
            guard let attr = self.catalog.forward(etype, label), attr.cardinality == .one else { return nil }
            return self.catalog.existingSlot(for: attr.id)
        }
        return RuleFieldSlots(
            etype: etype, fields: labels.map { ($0, slot($0)) }, idSlot: slot("id"), catalogVersion: catalog.version)
    }

    /// The members `slots` names of the entity's rule map, with `id` added to a
    /// non-empty map as the query filter adds it: each equals that member of `ruleMap`
    /// (plus `id`), at the cost of one pass over the entity's facts.
    func ruleMembers(of entity: EntityID, only slots: RuleFieldSlots) -> [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = []
        var nonEmpty = false
        var hasID = false
        for fact in store.facts(of: entity) {
            if fact.attr == slots.idSlot { nonEmpty = true }
            for field in slots.fields where field.slot == fact.attr {
                let value = fact.value.json
                if let i = members.firstIndex(where: { $0.key == field.label }) {
                    members[i].value = value
                } else {
                    members.append((field.label, value))
                }
                if field.label == "id" { hasID = true }
            }
        }
        // Without an `id` triple the map may still be non-empty (any attr of the etype):
        // the full map settles it.
        if !nonEmpty { nonEmpty = !ruleMap(of: entity, etype: slots.etype).isEmpty }
        guard nonEmpty else { return [] }
        if !hasID, slots.readsID { members.append(("id", JSONValue(entity))) }
        return members
    }

    /// The `auth` binding of a signed-in user: their `$users` row plus `isGuest`
    /// (§3.3, §11 Q2); at least `id` when the row is gone.
    public func authMap(of user: EntityID) -> JSONObject {
        var map = ruleMap(of: user, etype: "$users")
        map["id"] = JSONValue(user)
        map["isGuest"] = .bool(map["type"]?.stringValue == "guest")
        return map
    }

    /// The values `path` reaches from `id` in `etype` (§3.4): every hop follows a forward
    /// or reverse link label to all linked entities; the last segment is an attribute
    /// (`id` gives the ids). An unknown label is an evaluation error (§11 Q3).
    public func ruleRef(etype: String, id: String, path: String) throws(CELEvaluationError) -> [CELValue] {
        guard let start = EntityID(id) else { return [] }
        var current: [EntityID] = [start]
        var currentEtype = etype
        let segments = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for (position, label) in segments.enumerated() {
            let isLast = position == segments.count - 1
            if isLast, label == "id" { return current.map { .string($0.uuidString) } }
            guard let (attr, isForward) = catalog.resolve(currentEtype, label) else {
                throw CELEvaluationError(
                    .attributeNotFound, "Could not find `\(label)` on `\(currentEtype)` for ref path `\(path)`")
            }
            guard let slot = catalog.existingSlot(for: attr.id) else { return [] }
            var next: [EntityID] = []
            var values: [CELValue] = []
            for entity in current {
                if isForward {
                    for fact in store.facts(of: entity, slot) {
                        if attr.isRef, let target = fact.value.entityID { next.append(target) }
                        values.append(CELValue(json: fact.value.json))
                    }
                } else {
                    let sources = store.postings(slot, .id(entity))?.entities ?? []
                    next.append(contentsOf: sources)
                    values.append(contentsOf: sources.map { .string($0.uuidString) })
                }
            }
            if isLast { return values }
            guard attr.isRef else { return [] }
            current = next
            currentEtype = (isForward ? attr.reverseIdentity?.etype : attr.etype) ?? currentEtype
        }
        return []
    }
}
