/// The listed entities of one etype (those with an id triple) kept in one InstaQL order:
/// by `serverCreatedAt` or by one indexed, typed, cardinality-one attr (architecture
/// §7.3 `sorted` and `createdOrder`).
///
/// Why the whole etype and not only the entities holding the attr: a missing value sorts
/// as null (data-model §6.1), so a page must see entities without a triple too. Keeping
/// them here makes a page without `where` a plain walk of `keys`.
struct EntityOrdering: Sendable {
    /// What an ordering sorts by.
    enum Key: Hashable, Sendable {
        /// The `t` of the entity's id triple (`serverCreatedAt`).
        case createdAt
        /// The value of this attr in its checked type's domain.
        case attr(AttrSlot, Attr.CheckedDataType)
    }

    /// Identifies an ordering: the etype (through its id attr) and the key.
    struct Spec: Hashable, Sendable {
        var idSlot: AttrSlot
        var key: Key

        /// The slots whose triples can move an entity in or within this ordering.
        var slots: [AttrSlot] {
            switch key {
            case .createdAt: [idSlot]
            case .attr(let slot, _): slot == idSlot ? [idSlot] : [idSlot, slot]
            }
        }
    }

    let spec: Spec
    /// Members in ascending key order.
    var keys: SortedKeyList
    /// Each member's current key, to find it in `keys` when it moves or leaves.
    var members: [EntityID: EntityOrderKey]

    init(spec: Spec, keys: [EntityOrderKey]) {
        self.spec = spec
        var sorted = keys
        sorted.sort()
        self.keys = SortedKeyList(sorted: sorted)
        members = Dictionary(uniqueKeysWithValues: keys.map { ($0.entity, $0) })
    }

    /// Puts `entity` at `key`, or takes it out when `key` is nil.
    mutating func update(_ entity: EntityID, to key: EntityOrderKey?) {
        let old = members[entity]
        if let old, let key, old == key { return }
        if let old { keys.remove(old) }
        members[entity] = key
        if let key { keys.insert(key) }
    }
}
