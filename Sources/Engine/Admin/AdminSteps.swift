/// Expands the admin HTTP step format `[op, etype, id, args, opts?]` into tx steps
/// (data-model §7.3), creating missing attrs on the way like upstream's
/// `create-missing-attrs` (§2.6).
public struct AdminSteps {
    /// The attrs the expansion may use; grows as missing attrs are created.
    var catalog: AttrCatalog
    /// `add-attr` steps for attrs created on the fly; they run before everything else.
    var attrSteps: [TxStep] = []
    var dataSteps: [TxStep] = []
    /// `etype.label` names of attrs that would have to be created.
    var missing: [String] = []
    let throwOnMissingAttrs: Bool

    /// Expands `steps` against `catalog`.
    /// With `throwOnMissingAttrs` an attr that does not exist is an error instead of being created.
    public static func expand(
        _ steps: JSONValue, catalog: AttrCatalog, throwOnMissingAttrs: Bool = false
    ) throws(InstantError) -> [TxStep] {
        guard case .array(let raw) = TxStep.normalizingUUIDs(steps) else {
            throw InstantError(.paramMalformed, "Malformed parameter: [\"body\" \"steps\"]", hint: ["in": ["body", "steps"]])
        }
        var expander = AdminSteps(catalog: catalog, throwOnMissingAttrs: throwOnMissingAttrs)
        for item in raw { try expander.expandStep(item) }
        if !expander.missing.isEmpty {
            throw InstantError(
                .validationFailed, "Attributes are missing in your schema",
                hint: ["attributes": .array(expander.missing.map { .string($0) })])
        }
        return expander.attrSteps + expander.dataSteps
    }

    private mutating func expandStep(_ item: JSONValue) throws(InstantError) {
        guard case .array(let a) = item, let op = a.first?.stringValue else {
            throw InstantError(.validationFailed, "Unsupported action \(item.jsonString)")
        }
        switch op {
        case "add-attr":
            guard a.count > 1 else { throw .invalidSteps(expected: "map?", path: [1]) }
            let payload = a[1]
            switch Attr.decode(payload) {
            case .success(let attr):
                attrSteps.append(.addAttr(attr))
                catalog.upsert(attr)
            case .failure(let e): throw .invalidSteps(expected: e.expected, path: e.path.map { .string($0) })
            }
            return
        case "delete-attr":
            guard a.count > 1, let id = a[1].entityID else { throw .invalidSteps(expected: "uuid?", path: [1]) }
            attrSteps.append(.deleteAttr(id))
            return
        case "create", "update", "merge", "link", "unlink", "delete", "ruleParams":
            break
        default:
            throw InstantError(.validationFailed, "Unsupported action \(op)")
        }
        guard a.count >= 3, let etype = a[1].stringValue else {
            throw .invalidSteps(expected: "string?", path: [1])
        }
        let args = a.count > 3 ? a[3] : .object(JSONObject())
        let opts = a.count > 4 ? a[4] : .null
        let entity = try entityRef(a[2], etype: etype)
        switch op {
        case "create", "update", "merge":
            let mode: TxMode? =
                op == "create"
                ? .create : opts["upsert"].flatMap { $0.boolValue }.map { $0 ? .upsert : .update }
            guard case .object(let fields) = args else { throw .invalidSteps(expected: "map?", path: [3]) }
            let idAttr = try attr(etype, "id", kind: .id)
            dataSteps.append(.addTriple(entity, attr: idAttr.id, value: entity.json, mode: mode))
            for (key, value) in fields.entries where key != "id" {
                let target = try attr(etype, key, kind: .blob)
                if op == "merge" {
                    dataSteps.append(.deepMergeTriple(entity, attr: target.id, value: value, mode: mode))
                } else {
                    dataSteps.append(.addTriple(entity, attr: target.id, value: value, mode: mode))
                }
            }
        case "link", "unlink":
            guard case .object(let links) = args else { throw .invalidSteps(expected: "map?", path: [3]) }
            let idAttr = try attr(etype, "id", kind: .id)
            if case .lookup = entity { dataSteps.append(.addTriple(entity, attr: idAttr.id, value: entity.json, mode: nil)) }
            for (label, value) in links.entries {
                let (link, isForward) = try linkAttr(etype, label)
                let targets = value.arrayValue ?? [value]
                for raw in targets {
                    let targetEtype = isForward ? link.reverseIdentity?.etype ?? label : link.etype
                    let target = try entityRef(raw, etype: targetEtype)
                    let (source, dest) = isForward ? (entity, target) : (target, entity)
                    if op == "link" {
                        dataSteps.append(.addTriple(source, attr: link.id, value: dest.json, mode: nil))
                    } else {
                        dataSteps.append(.retractTriple(source, attr: link.id, value: dest.json))
                    }
                }
            }
        case "delete":
            dataSteps.append(.deleteEntity(entity, etype: etype))
        default:  // ruleParams
            dataSteps.append(.ruleParams(entity, etype: etype, params: args.objectValue.map { .object($0) } ?? [:]))
        }
    }
}
