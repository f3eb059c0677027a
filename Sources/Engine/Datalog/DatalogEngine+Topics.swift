/// The topic of each pattern as it runs (architecture §3.2), narrowed by the partial
/// bindings that entered the pattern, not by the final rows (the sound rule of §3.2's
/// caveat): a slot holding a variable bound in every entering row becomes the set of its
/// values, so a change elsewhere cannot match, while any triple that could extend an
/// entering row still does.
extension DatalogEngine {
    /// Records the pattern's topics. A pattern run once per entity (an entity group, a child
    /// link) yields topics that differ only in their entity set; those are merged on the
    /// spot (exact, architecture §1.8: a set matches when any element does).
    mutating func recordTopics(for pattern: DatalogPattern, entering rows: [DatalogRow]) {
        let valueIsWildcard = pattern.value.isWildcardTopic(entering: rows)
        if case .constant(let set) = pattern.attr, case .variable(let v) = pattern.entity, valueIsWildcard,
            let i = merging[ObjectIdentifier(set)]
        {
            var entities = topics[i].entities ?? []
            topics[i].entities = nil
            for row in rows {
                guard let value = row[v] else {
                    topics.append(contentsOf: topics(for: pattern, entering: rows))
                    topics[i].entities = entities
                    return
                }
                if let e = value.entityID { entities.insert(e) }
            }
            topics[i].entities = entities
            return
        }
        let recorded = topics(for: pattern, entering: rows)
        if case .constant(let set) = pattern.attr, case .variable = pattern.entity, valueIsWildcard, recorded.count == 1,
            recorded[0].entities != nil
        {
            merging[ObjectIdentifier(set)] = topics.count
        }
        topics.append(contentsOf: recorded)
    }

    /// One topic per pattern, two for `$isNull` (the id pattern and the tested attr).
    func topics(for pattern: DatalogPattern, entering rows: [DatalogRow]) -> [QueryTopic] {
        let attrs = attrSet(pattern.attr, rows)
        var indexes = QueryTopic.Indexes.all
        if case .constant(let set) = pattern.attr { indexes = set.flags } else if let attrs { indexes = flags(attrs) }
        let entities = entitySet(pattern.entity, rows)
        if case .function(.isNull(let test)) = pattern.value {
            let tested = QueryTopic.Indexes(of: test.attr)
            let second =
                test.isReverse
                ? QueryTopic(indexes: tested, entities: nil, attrs: [test.attr.id], values: entities.map { Set($0.map { .id($0) }) })
                : QueryTopic(indexes: tested, entities: entities, attrs: [test.attr.id], values: nil)
            return [QueryTopic(indexes: indexes, entities: entities, attrs: attrs, values: nil), second]
        }
        var valueTest: TopicValueTest?
        if case .function(let f) = pattern.value { valueTest = f.valueTest }
        return [QueryTopic(indexes: indexes, entities: entities, attrs: attrs, values: valueSet(pattern.value, rows), valueTest: valueTest)]
    }

    /// Index flags of the attrs read; every index when the attrs are unknown or gone.
    private func flags(_ attrs: Set<EntityID>?) -> QueryTopic.Indexes {
        guard let attrs else { return .all }
        var out: QueryTopic.Indexes = []
        for id in attrs {
            guard let attr = catalog[id] else { return .all }
            out.formUnion(QueryTopic.Indexes(of: attr))
        }
        return out.isEmpty ? .all : out
    }

    private func attrSet(_ term: DatalogAttrTerm, _ rows: [DatalogRow]) -> Set<EntityID>? {
        switch term {
        case .any: return nil
        case .constant(let set): return set.ids
        case .variable(let v): return boundValues(v, rows).map { Set($0.compactMap(\.entityID)) }
        }
    }

    private func entitySet(_ term: DatalogTerm, _ rows: [DatalogRow]) -> Set<EntityID>? {
        switch term {
        case .any, .function: return nil
        case .constant(let set): return Set(set.compactMap(\.entityID))
        case .variable(let v):
            var out = Set<EntityID>(minimumCapacity: rows.count)
            for row in rows {
                guard let value = row[v] else { return nil }
                if let e = value.entityID { out.insert(e) }
            }
            return out
        }
    }

    private func valueSet(_ term: DatalogTerm, _ rows: [DatalogRow]) -> Set<TripleValue>? {
        switch term {
        case .any, .function: return nil
        case .constant(let set): return set
        case .variable(let v): return boundValues(v, rows)
        }
    }

    /// The values of `variable` when it is bound in every entering row; nil otherwise.
    private func boundValues(_ variable: DatalogVariable, _ rows: [DatalogRow]) -> Set<TripleValue>? {
        var out = Set<TripleValue>()
        for row in rows {
            guard let v = row[variable] else { return nil }
            out.insert(v)
        }
        return out
    }
}

extension DatalogTerm {
    /// Whether this value position gives `_` in the topic for these entering rows, so the
    /// pattern's topics differ only in their entity sets (`$isNull` records two topics).
    func isWildcardTopic(entering rows: [DatalogRow]) -> Bool {
        switch self {
        case .any: true
        case .function(.isNull): false
        case .function: true
        case .constant: false
        case .variable(let v): rows.allSatisfy { $0[v] == nil }
        }
    }
}
