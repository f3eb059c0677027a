/// What a committed transaction did: the input for the log and for invalidation.
public struct TxReport: Sendable {
    public var txID: Int64
    /// The transaction's timestamp (every triple it inserted has this `t`, data-model §9).
    public var createdAt: Int64
    /// Triple changes in the order they happened. Replaying them in order reproduces the state.
    public var changes: [TripleChange]
    /// Attrs the transaction added, changed, deleted or restored, in order.
    public var attrChanges: [AttrChange]
    /// Attrs of every triple in `changes`, as they were after the transaction.
    public var attrs: [EntityID: Attr]
    /// `rule-params` collected per `(entity, etype)` for permission checks (§8.11).
    public var ruleParams: [EntityEtype: JSONObject]
    /// Reports of the permission checks, when `TransactionContext.recordsChecks` (dry runs).
    public var checkResults: [JSONValue] = []

    /// Triples that were inserted.
    public var added: [Triple] { changes.filter { $0.kind == .added }.map(\.triple) }
    /// Triples that were removed.
    public var retracted: [Triple] { changes.filter { $0.kind == .retracted }.map(\.triple) }
}

/// One triple inserted or removed.
public struct TripleChange: Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        case added = 1
        case retracted = 2
    }

    public var kind: Kind
    public var triple: Triple

    public init(kind: Kind, triple: Triple) {
        self.kind = kind
        self.triple = triple
    }
}

/// A change to the attr catalogue.
public enum AttrChange: Sendable, Equatable {
    /// Added or replaced with these properties.
    case upserted(Attr)
    /// Soft-deleted.
    case deleted(EntityID)
}

/// An entity seen as a member of one namespace.
public struct EntityEtype: Hashable, Sendable {
    public var entity: EntityID
    public var etype: String

    public init(_ entity: EntityID, _ etype: String) {
        self.entity = entity
        self.etype = etype
    }
}

/// Who runs a transaction and how.
public struct TransactionContext: Sendable {
    /// Admin tokens may write guarded system attrs and delete system entities (§8.4).
    public var isAdmin: Bool
    /// Overrides the tx timestamp per entity (fixture loading keeps recorded `t` values).
    public var createdAtOverride: [EntityID: Int64]
    /// Whose rules check the transaction (permissions §6); nil for admins, who skip them.
    public var viewer: RuleViewer?
    /// Report every check in `TxReport.checkResults` instead of throwing (protocol-http §4.4).
    public var recordsChecks: Bool

    public init(
        isAdmin: Bool = true, createdAtOverride: [EntityID: Int64] = [:], viewer: RuleViewer? = nil,
        recordsChecks: Bool = false
    ) {
        self.isAdmin = isAdmin
        self.createdAtOverride = createdAtOverride
        self.viewer = viewer
        self.recordsChecks = recordsChecks
    }

    /// The context of a transaction made as `identity`: rules apply unless admin.
    public init(identity: Identity, showsDetails: Bool = false) {
        self.init(isAdmin: identity.isAdmin, viewer: RuleViewer(identity, showsDetails: showsDetails))
    }
}
