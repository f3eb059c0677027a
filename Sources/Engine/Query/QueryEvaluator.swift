/// Evaluates parsed forms directly over the triple indexes (architecture §2, evaluated
/// without a separate Datalog layer): the `id` attr's value index lists an etype, value
/// indexes answer equality, entity facts answer navigation.
struct QueryEvaluator {
    let state: AppState
    let options: QueryOptions
    /// Topics gathered while evaluating, in evaluation order.
    var topics: [QueryTopic] = []
    /// Attrs seen in result triples.
    var attrs: [EntityID: Attr] = [:]

    init(state: AppState, options: QueryOptions) {
        self.state = state
        self.options = options
    }

    var catalog: AttrCatalog { state.catalog }
    var store: TripleStore { state.store }

    /// Evaluates every top-level form.
    mutating func evaluate(_ query: InstaQLQuery) -> QueryResult {
        var forms: [FormResult] = []
        for form in query.forms { forms.append(evaluateTop(form)) }
        return QueryResult(forms: forms, topics: topics.merged(), attrs: attrs)
    }

    /// The slot of a live attr (every attr the parser resolved has one).
    func slot(_ attr: Attr) -> AttrSlot? { catalog.existingSlot(for: attr.id) }

    /// Entities of `etype` that have an id triple (data-model §1.2 "listed").
    func listedEntities(_ etype: String) -> [EntityID] {
        guard let idAttr = catalog.idAttr(etype), let s = slot(idAttr) else { return [] }
        var out: [EntityID] = []
        for (value, postings) in store.valueIndex(s) {
            if case .id(let e) = value, postings.contains(e) { out.append(e) }
        }
        return out
    }

    /// `serverCreatedAt`: the `t` of the entity's id triple in `etype`.
    func createdAt(_ entity: EntityID, _ etype: String) -> Int64? {
        guard let idAttr = catalog.idAttr(etype), let s = slot(idAttr) else { return nil }
        return store.fact(of: entity, s)?.createdAt
    }

    /// Entities one hop away, without duplicates.
    func linked(_ entity: EntityID, _ step: LinkStep) -> [EntityID] {
        guard let s = slot(step.attr) else { return [] }
        if step.isForward {
            var seen = Set<EntityID>()
            return store.facts(of: entity, s).compactMap { $0.value.entityID }.filter { seen.insert($0).inserted }
        }
        return store.postings(s, .id(entity))?.entities ?? []
    }

    /// The forward triple of a hop from `from` to `to`.
    func linkTriple(from: EntityID, to: EntityID, _ step: LinkStep) -> Triple? {
        let (source, target) = step.isForward ? (from, to) : (to, from)
        guard let s = slot(step.attr), let fact = store.facts(of: source, s).first(where: { $0.value == .id(target) })
        else { return nil }
        return Triple(entity: source, attr: step.attr.id, value: fact.value, createdAt: fact.createdAt)
    }

    /// Whether the permission hook lets the entity through.
    func canView(_ entity: EntityID, _ etype: String) -> Bool {
        options.canViewEntity?(entity, etype) ?? true
    }

    /// One top-level form: list or filter, order, paginate, then build nodes.
    mutating func evaluateTop(_ form: InstaQLForm) -> FormResult {
        var result = FormResult(form: form, entities: [], whereTriples: [], cursorTriples: [])
        guard !form.isMissing else {
            topics.append(.anything)
            if form.options.isCountAggregate { result.count = 0 }
            return result
        }
        if let idAttr = catalog.idAttr(form.etype) {
            topics.append(QueryTopic(indexes: .all, entities: nil, attrs: [idAttr.id], values: nil))
        }
        var matched = candidates(form).filter { matches($0, form.options.whereClause) }
        if let whereClause = form.options.whereClause { addWhereTopics(whereClause) }
        if options.canViewEntity != nil { matched = matched.filter { canView($0, form.etype) } }
        if form.options.isCountAggregate {
            result.count = matched.count
            return result
        }
        var page = matched
        if form.options.isPaginated, let order = form.options.order {
            if case .attr(let a) = order.key {
                topics.append(QueryTopic(indexes: .all, entities: nil, attrs: [a.id], values: nil))
            }
            let paged = paginate(matched, form: form, order: order)
            page = paged.rows
            result.pageInfo = paged.info
            result.cursorTriples = paged.cursorTriples
        } else {
            page = sorted(matched, etype: form.etype, order: nil)
        }
        if let whereClause = form.options.whereClause {
            for e in page { collectWhereTriples(e, whereClause, into: &result.whereTriples) }
        }
        result.entities = page.map { entityNode($0, form: form, linkTriple: nil) }
        return result
    }

    /// The entities to test against the where clause: the etype's listed entities, narrowed
    /// through a value index when the clause requires a plain single-segment equality.
    func candidates(_ form: InstaQLForm) -> [EntityID] {
        let listed = listedEntities(form.etype)
        guard let clause = form.options.whereClause, let narrowed = indexedCandidates(clause) else { return listed }
        guard let idAttr = catalog.idAttr(form.etype), let s = slot(idAttr) else { return [] }
        return narrowed.filter { store.contains($0, s, .id($0)) }
    }

    /// Entities holding one of the values of a required single-segment raw equality, if any.
    func indexedCandidates(_ clause: WhereClause) -> [EntityID]? {
        switch clause {
        case .all(let parts):
            return parts.lazy.compactMap { indexedCandidates($0) }.first
        case .condition(let c):
            guard c.path.isEmpty, case .attr(let a) = c.target, case .equals(let set) = c.op,
                let raw = set.rawValues, let s = slot(a)
            else { return nil }
            var out = Set<EntityID>()
            for v in raw { store.postings(s, v)?.forEach { out.insert($0) } }
            return Array(out)
        case .any, .idPrefix, .nothing:
            return nil
        }
    }

    /// Builds one entity node and its children.
    mutating func entityNode(_ entity: EntityID, form: InstaQLForm, linkTriple: Triple?) -> EntityNode {
        let triples = entityTriples(entity, form: form)
        var children: [FormResult] = []
        for child in form.children { children.append(evaluateChild(child, parent: entity)) }
        return EntityNode(id: entity, triples: triples, linkTriple: linkTriple, children: children)
    }

    /// Cardinality-one triples of attrs of the form's etype, filtered by `fields` (§6.6).
    mutating func entityTriples(_ entity: EntityID, form: InstaQLForm) -> [Triple] {
        let fields = form.options.fields.map { Set($0 + ["id"]) }
        var out: [Triple] = []
        var attrIDs = Set<EntityID>()
        for fact in store.facts(of: entity) {
            guard let a = state.attr(at: fact.attr), a.etype == form.etype, a.cardinality == .one else { continue }
            if let fields, !fields.contains(a.label) { continue }
            if let check = options.canViewField, !check(entity, a) { continue }
            attrs[a.id] = a
            attrIDs.insert(a.id)
            let t = Triple(entity: entity, attr: a.id, value: fact.value, createdAt: fact.createdAt)
            if a.isIDAttr { out.insert(t, at: 0) } else { out.append(t) }
        }
        var watched = Set(catalog.attrs(of: form.etype).filter { $0.cardinality == .one }.map(\.id))
        if let fields { watched = watched.filter { catalog[$0].map { fields.contains($0.label) } ?? false } }
        topics.append(QueryTopic(indexes: .all, entities: [entity], attrs: watched, values: nil))
        return out
    }

    /// A child form under one parent: linked entities passing the child's where, sorted
    /// for the tree (§4.3, §6.4: never paginated).
    mutating func evaluateChild(_ form: InstaQLForm, parent: EntityID) -> FormResult {
        var result = FormResult(form: form, entities: [], whereTriples: [], cursorTriples: [])
        guard !form.isMissing, let link = form.link else {
            topics.append(.anything)
            return result
        }
        if link.isForward {
            topics.append(QueryTopic(indexes: .all, entities: [parent], attrs: [link.attr.id], values: nil))
        } else {
            topics.append(QueryTopic(indexes: .all, entities: nil, attrs: [link.attr.id], values: [.id(parent)]))
        }
        attrs[link.attr.id] = link.attr
        var found = linked(parent, link).filter { matches($0, form.options.whereClause) }
        if let whereClause = form.options.whereClause {
            addWhereTopics(whereClause)
            for e in found { collectWhereTriples(e, whereClause, into: &result.whereTriples) }
        }
        if options.canViewEntity != nil { found = found.filter { canView($0, form.etype) } }
        found = sorted(found, etype: form.etype, order: form.options.order)
        for child in found {
            result.entities.append(entityNode(child, form: form, linkTriple: linkTriple(from: parent, to: child, link)))
        }
        return result
    }
}
