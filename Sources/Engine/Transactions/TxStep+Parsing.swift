/// Coercion and shape checks of incoming steps (data-model §8.1).
extension TxStep {
    /// Parses the `tx-steps` array of a `transact` message.
    public static func parse(_ json: JSONValue) throws(InstantError) -> [TxStep] {
        guard case .array(let raw) = normalizingUUIDs(json) else {
            throw .invalidSteps(expected: "coll?", path: [])
        }
        var steps: [TxStep] = []
        steps.reserveCapacity(raw.count)
        for (index, item) in raw.enumerated() {
            steps.append(try parseStep(item, index: index))
        }
        return steps
    }

    /// Lowercases every 36-character UUID string, keys included (§8.1 step 2).
    public static func normalizingUUIDs(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let s):
            if s.utf8.count == 36, let id = EntityID(s) { return .string(id.uuidString) }
            return value
        case .array(let a): return .array(a.map(normalizingUUIDs))
        case .object(let o):
            var out = JSONObject()
            for (k, v) in o.entries {
                let key = k.utf8.count == 36 ? (EntityID(k)?.uuidString ?? k) : k
                out[key] = normalizingUUIDs(v)
            }
            return .object(out)
        default: return value
        }
    }

    private static func parseStep(_ item: JSONValue, index: Int) throws(InstantError) -> TxStep {
        let at = JSONValue.int(Int64(index))
        guard case .array(let a) = item, let name = a.first?.stringValue else {
            throw .invalidSteps(expected: "vector?", path: [at], input: item)
        }
        guard let kind = Kind(rawValue: name) else {
            throw .invalidSteps(expected: "instant.db.transaction/tx-step", path: [at, 0], input: item)
        }
        func arg(_ i: Int) -> JSONValue? { i < a.count ? a[i] : nil }
        func entity() throws(InstantError) -> EntityRef {
            guard let raw = arg(1) else { throw .invalidSteps(expected: "some?", path: [at, 1]) }
            return try parseEntityRef(raw, stepIndex: index)
        }
        func attrID() throws(InstantError) -> EntityID {
            guard let id = arg(2)?.entityID else { throw .invalidSteps(expected: "uuid?", path: [at, 2]) }
            return id
        }
        func mode() throws(InstantError) -> TxMode? {
            guard let opts = arg(4), !opts.isNull else { return nil }
            guard case .object(let o) = opts else { throw .invalidSteps(expected: "map?", path: [at, 4]) }
            guard let m = o["mode"], !m.isNull else { return nil }
            guard let mode = m.stringValue.flatMap(TxMode.init(rawValue:)) else {
                throw .invalidSteps(expected: "#{:create :update :upsert}", path: [at, 4, "mode"])
            }
            return mode
        }
        switch kind {
        case .addTriple, .deepMergeTriple, .retractTriple:
            let e = try entity()
            let attr = try attrID()
            guard a.count >= 4 else { throw .invalidSteps(expected: "some?", path: [at, 3]) }
            let value = a[3]
            switch kind {
            case .addTriple: return .addTriple(e, attr: attr, value: value, mode: try mode())
            case .deepMergeTriple: return .deepMergeTriple(e, attr: attr, value: value, mode: try mode())
            default: return .retractTriple(e, attr: attr, value: value)
            }
        case .deleteEntity:
            let etype = arg(2)?.stringValue
            return .deleteEntity(try entity(), etype: etype)
        case .ruleParams:
            let etype = arg(2)?.stringValue
            let params = arg(3) ?? .object(JSONObject())
            guard case .object = params else { throw .invalidSteps(expected: "map?", path: [at, 3]) }
            return .ruleParams(try entity(), etype: etype, params: params)
        case .addAttr:
            guard let payload = arg(1) else { throw .invalidSteps(expected: "map?", path: [at, 1]) }
            switch Attr.decode(payload) {
            case .success(let attr): return .addAttr(attr)
            case .failure(let e):
                throw .invalidSteps(expected: e.expected, path: [at, 1] + e.path.map { .string($0) })
            }
        case .updateAttr:
            guard case .object(let o)? = arg(1), o["id"]?.entityID != nil else {
                throw .invalidSteps(expected: "map?", path: [at, 1])
            }
            return .updateAttr(o)
        case .deleteAttr, .restoreAttr:
            guard let id = arg(1)?.entityID else { throw .invalidSteps(expected: "uuid?", path: [at, 1]) }
            return kind == .deleteAttr ? .deleteAttr(id) : .restoreAttr(id)
        }
    }

    /// Entity position: a UUID or a 2-element lookup (§8.1 step 3).
    static func parseEntityRef(_ raw: JSONValue, stepIndex: Int) throws(InstantError) -> EntityRef {
        switch raw {
        case .string(let s):
            if let id = EntityID(s) { return .id(id) }
        case .array(let pair) where pair.count == 2:
            if let attr = pair[0].entityID { return .lookup(attr: attr, value: pair[1]) }
        default:
            break
        }
        throw .invalidEntityID(raw, stepIndex: stepIndex)
    }
}
