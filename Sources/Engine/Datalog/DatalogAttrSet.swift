/// A constant attr position: attr ids resolved against the catalogue once, when the
/// query is compiled, so a pattern run once per entity (entity groups, child links) never
/// looks an attr up again. A class: patterns are copied per row, and one retain is cheaper
/// than one per array inside; its address also names it when merging topics.
public final class DatalogAttrSet: Sendable {
    /// The ids as written (topics carry these).
    public let ids: Set<EntityID>
    /// The live attrs among them with their store slots.
    let attrs: [Attr]
    let slots: [AttrSlot]
    /// `slotMask[slot]`: whether a slot belongs to the set (slots are small dense numbers).
    let slotMask: [Bool]
    /// Index flags of the attrs, for topics (architecture §3.3 `F`); every index if one is gone.
    let flags: QueryTopic.Indexes

    public init(_ ids: Set<EntityID>, catalog: AttrCatalog) {
        self.ids = ids
        var attrs: [Attr] = []
        var slots: [AttrSlot] = []
        var flags: QueryTopic.Indexes = []
        var allLive = true
        for id in ids {
            guard let attr = catalog[id], let slot = catalog.existingSlot(for: id) else {
                allLive = false
                continue
            }
            attrs.append(attr)
            slots.append(slot)
            flags.formUnion(QueryTopic.Indexes(of: attr))
        }
        var mask = Array(repeating: false, count: (slots.map { Int($0.rawValue) }.max() ?? -1) + 1)
        for slot in slots { mask[Int(slot.rawValue)] = true }
        self.attrs = attrs
        self.slots = slots
        slotMask = mask
        self.flags = allLive && !flags.isEmpty ? flags : .all
    }

    /// Whether a slot belongs to the set.
    func contains(_ slot: AttrSlot) -> Bool {
        let i = Int(slot.rawValue)
        return i < slotMask.count && slotMask[i]
    }
}
