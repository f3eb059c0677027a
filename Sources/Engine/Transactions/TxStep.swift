/// Where a step names an entity: by id, or by a unique attr value (data-model §7.2).
public enum EntityRef: Hashable, Sendable {
    case id(EntityID)
    /// `[attr-id, value]`: the entity whose unique attr holds `value`.
    case lookup(attr: EntityID, value: JSONValue)

    /// The wire form: the id string or the `[attr-id, value]` pair.
    public var json: JSONValue {
        switch self {
        case .id(let e): JSONValue(e)
        case .lookup(let a, let v): [JSONValue(a), v]
        }
    }

    /// How upstream's messages print an entity position: an id as is, a lookup as the
    /// Clojure vector it holds, `[#uuid "<attr-id>" <value>]` (e.g. §8.5 mode errors).
    public var upstreamText: String {
        switch self {
        case .id(let e): e.uuidString
        case .lookup(let a, let v): "[#uuid \"\(a.uuidString)\" \(v.jsonString)]"
        }
    }
}

/// `create`, `update` and `upsert` (data-model §8.5).
public enum TxMode: String, Sendable {
    case create
    case update
    case upsert
}

/// One low-level transaction step (data-model §7.4), parsed into typed terms.
public enum TxStep: Sendable, Equatable {
    case addTriple(EntityRef, attr: EntityID, value: JSONValue, mode: TxMode?)
    case deepMergeTriple(EntityRef, attr: EntityID, value: JSONValue, mode: TxMode?)
    case retractTriple(EntityRef, attr: EntityID, value: JSONValue)
    case deleteEntity(EntityRef, etype: String?)
    case ruleParams(EntityRef, etype: String?, params: JSONValue)
    case addAttr(Attr)
    case updateAttr(JSONObject)
    case deleteAttr(EntityID)
    case restoreAttr(EntityID)

    /// The step kind as upstream groups them for execution (data-model §8.3).
    public var kind: Kind {
        switch self {
        case .addTriple: .addTriple
        case .deepMergeTriple: .deepMergeTriple
        case .retractTriple: .retractTriple
        case .deleteEntity: .deleteEntity
        case .ruleParams: .ruleParams
        case .addAttr: .addAttr
        case .updateAttr: .updateAttr
        case .deleteAttr: .deleteAttr
        case .restoreAttr: .restoreAttr
        }
    }

    /// Step kinds with their wire names.
    public enum Kind: String, Sendable, CaseIterable {
        case addTriple = "add-triple"
        case deepMergeTriple = "deep-merge-triple"
        case retractTriple = "retract-triple"
        case deleteEntity = "delete-entity"
        case ruleParams = "rule-params"
        case addAttr = "add-attr"
        case updateAttr = "update-attr"
        case deleteAttr = "delete-attr"
        case restoreAttr = "restore-attr"

        /// Kinds that change the attr catalogue rather than triples.
        var changesAttrs: Bool {
            switch self {
            case .addAttr, .updateAttr, .deleteAttr, .restoreAttr: true
            case .addTriple, .deepMergeTriple, .retractTriple, .deleteEntity, .ruleParams: false
            }
        }
    }
}
