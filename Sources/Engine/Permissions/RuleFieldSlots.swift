/// The members of one etype's entity maps that a rule reads, resolved to attr slots for
/// one query (`AppState.ruleMap(of:only:)`).
struct RuleFieldSlots: Sendable {
    /// The namespace.
    let etype: String
    /// Per member read: its label and the slot of its cardinality-one attr, if live.
    let fields: [(label: String, slot: AttrSlot?)]
    /// The slot of the etype's `id` attr, if live and cardinality one.
    let idSlot: AttrSlot?
    /// The catalogue version the slots were resolved in (`AttrCatalog.version` names its
    /// content, so equal versions resolve alike).
    let catalogVersion: UInt64

    /// Whether `id` is among the members read.
    var readsID: Bool { fields.contains { $0.label == "id" } }
}
