/// An index pattern a query read: `[indexes, E, A, V]` where each of E, A, V is a set or
/// the wildcard (nil) (architecture §3).
///
/// A committed change can only alter a result if one of its triples matches one of the
/// result's topics, so the session layer recomputes only those queries.
public struct QueryTopic: Sendable, Hashable {
    /// Logical index names (architecture §1.1), as a flag set.
    public struct Indexes: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let ea = Indexes(rawValue: 1)
        public static let eav = Indexes(rawValue: 2)
        public static let vae = Indexes(rawValue: 4)
        public static let av = Indexes(rawValue: 8)
        public static let ave = Indexes(rawValue: 16)
        /// Every index: matches any change.
        public static let all: Indexes = [.ea, .eav, .vae, .av, .ave]

        /// The flags a stored triple of `attr` carries (architecture §1.1, §3.3 `F`).
        public init(of attr: Attr) {
            var f: Indexes = []
            if attr.cardinality == .one { f.insert(.ea) }
            if attr.isRef { f.formUnion([.eav, .vae]) }
            if attr.isUnique { f.insert(.av) }
            if attr.isIndexed { f.insert(.ave) }
            // Cardinality-many blob rows belong to no flagged index upstream but still
            // change results; give them `ea` so topics on them can match.
            if f.isEmpty { f = .ea }
            self = f
        }

        var names: [String] {
            [("ea", Indexes.ea), ("eav", .eav), ("vae", .vae), ("av", .av), ("ave", .ave)]
                .filter { contains($0.1) }.map(\.0)
        }
    }

    public var indexes: Indexes
    /// Entity ids; nil is the wildcard `_`.
    public var entities: Set<EntityID>?
    /// Attr ids; nil is the wildcard.
    public var attrs: Set<EntityID>?
    /// Values; nil is the wildcard.
    public var values: Set<TripleValue>?
    /// A function in the value slot (`$not`, `$comparator`, …): a changed value must pass it.
    public var valueTest: TopicValueTest?

    public init(
        indexes: Indexes, entities: Set<EntityID>?, attrs: Set<EntityID>?, values: Set<TripleValue>?,
        valueTest: TopicValueTest? = nil
    ) {
        self.indexes = indexes
        self.entities = entities
        self.attrs = attrs
        self.values = values
        self.valueTest = valueTest
    }

    /// The topic every change matches.
    public static let anything = QueryTopic(indexes: .all, entities: nil, attrs: nil, values: nil)

    /// The topic of an unknown name (architecture §3.2 "missing attr"): no data change can
    /// make the name known, only a catalogue change, which refreshes every query
    /// (`QueryStore.invalidate`); so it matches no triple, only `matchesAttrChange`.
    public static let schema = QueryTopic(indexes: [], entities: nil, attrs: nil, values: nil)

    /// Whether a changed triple (added or removed) of `attr` matches (architecture §3.4).
    public func matches(_ triple: Triple, attr: Attr) -> Bool {
        matches(triple, flags: Indexes(of: attr))
    }

    /// Whether a changed triple with index flags `flags` matches.
    public func matches(_ triple: Triple, flags: Indexes) -> Bool {
        guard !indexes.isDisjoint(with: flags) else { return false }
        if let entities, !entities.contains(triple.entity) { return false }
        if let attrs, !attrs.contains(triple.attr) { return false }
        if let values, !values.contains(triple.value) { return false }
        if let valueTest, !valueTest.holds(triple.value) { return false }
        return true
    }

    /// Whether a schema change to this attr can affect the query (architecture §3.3 schema row).
    public func matchesAttrChange(_ attr: EntityID) -> Bool {
        attrs?.contains(attr) ?? true
    }

    /// `[[idx…], E, A, V]` with `"_"` for wildcards, for logs and debugging.
    public var json: JSONValue {
        func slot<T>(_ set: Set<T>?, _ f: (T) -> JSONValue) -> JSONValue {
            guard let set else { return "_" }
            return .array(set.map(f))
        }
        return [
            .array(indexes.names.map { .string($0) }), slot(entities) { JSONValue($0) }, slot(attrs) { JSONValue($0) },
            valueTest.map { .string($0.name) } ?? slot(values) { $0.json },
        ]
    }
}

extension QueryTopic {
    /// Whether `other` can be folded into this topic by `merged()`: equal but for the entity
    /// set (both sets), or, with `_` entities, equal but for the value set.
    func mergeable(with other: QueryTopic) -> Bool {
        guard indexes == other.indexes, attrs == other.attrs, valueTest == other.valueTest else { return false }
        if entities != nil, other.entities != nil { return values == other.values }
        if entities == nil, other.entities == nil, values != nil, other.values != nil { return true }
        return entities == other.entities && values == other.values
    }
}

extension Array where Element == QueryTopic {
    /// Whether any topic matches the changed triple.
    public func matches(_ triple: Triple, attr: Attr) -> Bool {
        let flags = QueryTopic.Indexes(of: attr)
        return contains { $0.matches(triple, flags: flags) }
    }

    /// Merges topics that differ only in their entity set, or, when the entity slot is `_`,
    /// only in their value set (architecture §1.8 compression; exact, since a set matches
    /// when any element does).
    func merged() -> [QueryTopic] {
        // A handful of topics (the usual lookup): pairwise, no hashing of whole sets.
        if count <= 12 {
            var out: [QueryTopic] = []
            for topic in self {
                if let i = out.firstIndex(where: { $0.mergeable(with: topic) }) {
                    if let e = topic.entities { out[i].entities!.formUnion(e) } else if let v = topic.values { out[i].values!.formUnion(v) }
                } else {
                    out.append(topic)
                }
            }
            return out
        }
        var out: [QueryTopic] = []
        var index: [QueryTopic: Int] = [:]
        for topic in self {
            var key = topic
            if topic.entities != nil {
                key.entities = []
            } else if topic.values != nil {
                key.values = []
            } else {
                if !out.contains(topic) { out.append(topic) }
                continue
            }
            if let i = index[key] {
                if let e = topic.entities { out[i].entities!.formUnion(e) } else { out[i].values!.formUnion(topic.values!) }
            } else {
                index[key] = out.count
                out.append(topic)
            }
        }
        return out
    }
}
