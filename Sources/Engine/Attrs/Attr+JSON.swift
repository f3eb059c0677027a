/// The attr's wire form, as sent in `init-ok`/`refresh-ok` and accepted by `add-attr`.
extension Attr {
    /// Encodes the attr with upstream's keys (data-model §2.1).
    public var json: JSONValue {
        var o = JSONObject()
        o["id"] = JSONValue(id)
        o["forward-identity"] = forwardIdentity.json
        if let reverseIdentity { o["reverse-identity"] = reverseIdentity.json }
        o["value-type"] = .string(valueType.rawValue)
        o["cardinality"] = .string(cardinality.rawValue)
        o["unique?"] = .bool(isUnique)
        o["index?"] = .bool(isIndexed)
        o["required?"] = .bool(isRequired)
        if let checkedDataType { o["checked-data-type"] = .string(checkedDataType.rawValue) }
        if onDeleteCascade { o["on-delete"] = "cascade" }
        if onDeleteReverseCascade { o["on-delete-reverse"] = "cascade" }
        o["inferred-types"] = inferredTypes.map { .array($0.names.map { .string($0) }) } ?? .null
        o["catalog"] = .string(catalog.rawValue)
        return .object(o)
    }

    /// Decodes an `add-attr` payload; extra keys are ignored (the JS client adds `isUnsynced`).
    /// Returns the list of shape errors as `(expected, path)` pairs when it does not fit §2.1.
    public static func decode(_ value: JSONValue) -> Result<Attr, AttrShapeError> {
        guard case .object(let o) = value else { return .failure(AttrShapeError(expected: "map?", path: [])) }
        guard let id = o["id"]?.entityID else { return .failure(AttrShapeError(expected: "uuid?", path: ["id"])) }
        guard let forward = o["forward-identity"].flatMap(Identity.init(json:)) else {
            return .failure(AttrShapeError(expected: "instant.db.model.attr/identity", path: ["forward-identity"]))
        }
        var reverse: Identity?
        if let r = o["reverse-identity"], !r.isNull {
            guard let parsed = Identity(json: r) else {
                return .failure(AttrShapeError(expected: "instant.db.model.attr/identity", path: ["reverse-identity"]))
            }
            reverse = parsed
        }
        guard let vt = o["value-type"]?.stringValue.flatMap(ValueType.init(rawValue:)) else {
            return .failure(AttrShapeError(expected: "#{:blob :ref}", path: ["value-type"]))
        }
        guard let card = o["cardinality"]?.stringValue.flatMap(Cardinality.init(rawValue:)) else {
            return .failure(AttrShapeError(expected: "#{:one :many}", path: ["cardinality"]))
        }
        func flag(_ key: String, required: Bool) -> Result<Bool, AttrShapeError> {
            switch o[key] {
            case .bool(let b)?: return .success(b)
            case nil, .null?:
                return required ? .failure(AttrShapeError(expected: "boolean?", path: [key])) : .success(false)
            default: return .failure(AttrShapeError(expected: "boolean?", path: [key]))
            }
        }
        let unique: Bool
        let indexed: Bool
        let req: Bool
        switch (flag("unique?", required: true), flag("index?", required: true), flag("required?", required: false)) {
        case (.success(let u), .success(let i), .success(let r)): (unique, indexed, req) = (u, i, r)
        case (.failure(let e), _, _), (_, .failure(let e), _), (_, _, .failure(let e)): return .failure(e)
        }
        var checked: CheckedDataType?
        if let c = o["checked-data-type"], !c.isNull {
            guard let t = c.stringValue.flatMap(CheckedDataType.init(rawValue:)) else {
                return .failure(AttrShapeError(expected: "#{:string :number :boolean :date}", path: ["checked-data-type"]))
            }
            checked = t
        }
        return .success(
            Attr(
                id: id, forwardIdentity: forward, reverseIdentity: reverse, valueType: vt,
                cardinality: card, isUnique: unique, isIndexed: indexed, isRequired: req,
                checkedDataType: checked, onDeleteCascade: o["on-delete"]?.stringValue == "cascade",
                onDeleteReverseCascade: o["on-delete-reverse"]?.stringValue == "cascade",
                inferredTypes: InferredTypes(names: o["inferred-types"]),
                catalog: o["catalog"]?.stringValue == "system" ? .system : .user))
    }
}

/// Why an attr payload does not have the shape of data-model §2.1.
public struct AttrShapeError: Error, Equatable, Sendable {
    public var expected: String
    public var path: [String]
}

extension Attr.Identity {
    /// `[ident-uuid, etype, label]`.
    public var json: JSONValue { [JSONValue(id), .string(etype), .string(label)] }

    /// Accepts `[uuid, non-blank etype, non-blank label]`.
    public init?(json: JSONValue) {
        guard case .array(let a) = json, a.count == 3, let id = a[0].entityID,
            let etype = a[1].stringValue, let label = a[2].stringValue,
            !etype.allSatisfy(\.isWhitespace), !label.allSatisfy(\.isWhitespace)
        else { return nil }
        self.init(id: id, etype: etype, label: label)
    }
}

extension InferredTypes {
    /// Reads the wire array of kind names; nil for null or absent.
    init?(names: JSONValue?) {
        guard case .array(let a)? = names else { return nil }
        var set: InferredTypes = []
        for case .string(let n) in a {
            switch n {
            case "number": set.insert(.number)
            case "string": set.insert(.string)
            case "boolean": set.insert(.boolean)
            case "json": set.insert(.json)
            default: break
            }
        }
        self = set
    }
}
