/// The attrs of one app: live ones by id and by name, soft-deleted ones kept for restore.
///
/// Each attr also gets a dense `AttrSlot` the first time it is seen, so the triple
/// indexes key on a small integer instead of a 16-byte id. Slots are never reused.
public struct AttrCatalog: Sendable {
    /// Live attrs by id.
    public private(set) var byID: [EntityID: Attr] = [:]
    /// Soft-deleted attrs by id (data-model §2.7 `delete-attr`).
    public private(set) var deleted: [EntityID: Attr] = [:]
    private var forwardNames: [String: [String: EntityID]] = [:]
    private var reverseNames: [String: [String: EntityID]] = [:]
    private var etypeAttrs: [String: [EntityID]] = [:]
    private var incomingRefs: [String: [EntityID]] = [:]
    private var slots: [EntityID: AttrSlot] = [:]
    private var slotIDs: [EntityID] = []
    /// Names this catalogue's content: every change takes a number never used before by any
    /// catalogue in the process, so two catalogues with one version hold the same attrs and
    /// slots. Compiled queries are cached under it (`CompiledQueryCache`).
    public private(set) var version: UInt64 = AttrCatalogVersion.next()

    /// A catalogue holding the system attrs of §3.
    public init() {
        for attr in SystemCatalog.attrs { upsert(attr) }
    }

    /// The attr with this id, if live.
    public subscript(id: EntityID) -> Attr? { byID[id] }

    /// All live attrs, system first, then by id for determinism.
    public var all: [Attr] {
        byID.values.sorted { ($0.catalog == .system ? 0 : 1, $0.id) < ($1.catalog == .system ? 0 : 1, $1.id) }
    }

    /// The attr whose forward identity is `[etype, label]`.
    public func forward(_ etype: String, _ label: String) -> Attr? {
        forwardNames[etype]?[label].flatMap { byID[$0] }
    }

    /// The attr whose reverse identity is `[etype, label]`.
    public func reverse(_ etype: String, _ label: String) -> Attr? {
        reverseNames[etype]?[label].flatMap { byID[$0] }
    }

    /// Resolves a label seen from `etype`: forward first, then reverse (§2.1).
    public func resolve(_ etype: String, _ label: String) -> (attr: Attr, isForward: Bool)? {
        if let a = forward(etype, label) { return (a, true) }
        if let a = reverse(etype, label) { return (a, false) }
        return nil
    }

    /// The `id` attr of an etype.
    public func idAttr(_ etype: String) -> Attr? { forward(etype, "id") }

    /// Live attrs whose forward identity is in `etype`.
    public func attrs(of etype: String) -> [Attr] {
        (etypeAttrs[etype] ?? []).compactMap { byID[$0] }
    }

    /// Live ref attrs that point into `etype` (their reverse identity is in it).
    public func incomingRefs(to etype: String) -> [Attr] {
        (incomingRefs[etype] ?? []).compactMap { byID[$0] }
    }

    /// Whether any live attr has this etype on either side.
    public func hasEtype(_ etype: String) -> Bool {
        !(etypeAttrs[etype] ?? []).isEmpty || !(incomingRefs[etype] ?? []).isEmpty
    }

    /// The dense slot of an attr id, assigned on first sight.
    public mutating func slot(for id: EntityID) -> AttrSlot {
        if let s = slots[id] { return s }
        version = AttrCatalogVersion.next()
        let s = AttrSlot(UInt32(slotIDs.count))
        slots[id] = s
        slotIDs.append(id)
        return s
    }

    /// The slot of an attr id if one was assigned.
    public func existingSlot(for id: EntityID) -> AttrSlot? { slots[id] }

    /// The attr id behind a slot.
    public func attrID(of slot: AttrSlot) -> EntityID { slotIDs[Int(slot.rawValue)] }

    /// Number of slots handed out so far.
    public var slotCount: Int { slotIDs.count }

    /// Adds or replaces a live attr and refreshes the name tables.
    public mutating func upsert(_ attr: Attr) {
        version = AttrCatalogVersion.next()
        if let old = byID[attr.id] { unlink(old) }
        deleted[attr.id] = nil
        byID[attr.id] = attr
        _ = slot(for: attr.id)
        forwardNames[attr.etype, default: [:]][attr.label] = attr.id
        etypeAttrs[attr.etype, default: []].append(attr.id)
        if let r = attr.reverseIdentity {
            reverseNames[r.etype, default: [:]][r.label] = attr.id
            if attr.isRef { incomingRefs[r.etype, default: []].append(attr.id) }
        }
    }

    /// Moves a live attr to the soft-deleted set.
    public mutating func softDelete(_ id: EntityID) {
        guard let attr = byID[id] else { return }
        version = AttrCatalogVersion.next()
        unlink(attr)
        byID[id] = nil
        deleted[id] = attr
    }

    /// Updates only the inferred types of a live attr (no name changes).
    public mutating func addInferredTypes(_ types: InferredTypes, to id: EntityID) {
        guard var attr = byID[id], attr.catalog == .user, !types.isEmpty else { return }
        let merged = (attr.inferredTypes ?? []).union(types)
        guard merged != attr.inferredTypes else { return }
        attr.inferredTypes = merged
        version = AttrCatalogVersion.next()
        byID[id] = attr
    }

    private mutating func unlink(_ attr: Attr) {
        if forwardNames[attr.etype]?[attr.label] == attr.id { forwardNames[attr.etype]?[attr.label] = nil }
        etypeAttrs[attr.etype]?.removeAll { $0 == attr.id }
        if let r = attr.reverseIdentity {
            if reverseNames[r.etype]?[r.label] == attr.id { reverseNames[r.etype]?[r.label] = nil }
            incomingRefs[r.etype]?.removeAll { $0 == attr.id }
        }
    }
}

/// A small dense number standing for one attr id inside the triple indexes.
public struct AttrSlot: Hashable, Sendable {
    public var rawValue: UInt32
    public init(_ rawValue: UInt32) { self.rawValue = rawValue }
}
