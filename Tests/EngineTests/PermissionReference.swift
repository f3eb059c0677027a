@testable import Engine

/// A brute-force reference for rule checks: entity maps and `ref` computed by scanning
/// every triple, independent of the store's indexes and of the permission layer.
struct PermissionReference: RuleContext {
    let triples: [Triple]
    let attrs: [EntityID: Attr]
    let auth: EntityID?
    let data: JSONObject
    var newData: JSONObject?
    var ruleParams = JSONObject()

    init(state: AppState, auth: EntityID?, data: JSONObject, newData: JSONObject? = nil) {
        triples = state.allTriples()
        var attrs: [EntityID: Attr] = [:]
        for attr in state.catalog.all { attrs[attr.id] = attr }
        self.attrs = attrs
        self.auth = auth
        self.data = data
        self.newData = newData
    }

    /// The entity's cardinality-one values of `etype`, by scanning.
    static func map(of entity: EntityID, etype: String, in state: AppState) -> JSONObject {
        var map = JSONObject()
        for triple in state.allTriples() where triple.entity == entity {
            guard let attr = state.catalog[triple.attr], attr.etype == etype, attr.cardinality == .one else { continue }
            map[attr.label] = triple.value.json
        }
        if !map.isEmpty { map["id"] = JSONValue(entity) }
        return map
    }

    /// Every entity with an id triple in `etype`, by scanning.
    static func entities(of etype: String, in state: AppState) -> [EntityID] {
        var seen: [EntityID] = []
        for triple in state.allTriples() {
            guard let attr = state.catalog[triple.attr], attr.etype == etype, attr.label == "id" else { continue }
            if !seen.contains(triple.entity) { seen.append(triple.entity) }
        }
        return seen
    }

    func value(of variable: CELVariable) -> CELValue? {
        switch variable {
        case .auth: .auth(auth.map { JSONObject([("id", JSONValue($0))]) })
        case .data: .entity(data, etype: "items")
        case .newData: .object(newData ?? data)
        case .ruleParams: .object(ruleParams)
        case .request: .request(CELRequest(time: CELTimestamp(seconds: 0)))
        case .rateLimit: .rateLimits([])
        case .linkedData, .actions: nil
        }
    }

    /// Forward hops only (the reference data model has only forward paths in its rules).
    func ref(etype: String, id: String, path: String) throws(CELEvaluationError) -> [CELValue] {
        var current: [(EntityID, String)] = EntityID(id).map { [($0, etype)] } ?? []
        let segments = path.split(separator: ".").map(String.init)
        for (position, label) in segments.enumerated() {
            let isLast = position == segments.count - 1
            if isLast, label == "id" { return current.map { .string($0.0.uuidString) } }
            var next: [(EntityID, String)] = []
            var values: [CELValue] = []
            for (entity, currentEtype) in current {
                for triple in triples where triple.entity == entity {
                    guard let attr = attrs[triple.attr], attr.etype == currentEtype, attr.label == label else {
                        continue
                    }
                    values.append(CELValue(json: triple.value.json))
                    if let target = triple.value.entityID, let reverse = attr.reverseIdentity {
                        next.append((target, reverse.etype))
                    }
                }
            }
            if isLast { return values }
            current = next
        }
        return []
    }
}
