/// Evaluates compiled InstaQL forms through the Datalog engine (architecture §2).
///
/// Per top-level form: the id query (where patterns and the listing pattern) runs in
/// Datalog, then ordering and pagination pick the page, then the form's child groups (the
/// entity group and each child form, §1.5) run once per page entity. A form without
/// `where` whose order has a maintained ordering skips the listing scan and walks the
/// ordering instead, so a page costs O(limit).
struct QueryEvaluator {
    let state: AppState
    let options: QueryOptions
    /// One engine for the whole query: its topics are the query's topics.
    var engine: DatalogEngine
    /// View and field rules; nil for admins (permissions §4).
    let permissions: QueryRuleFilter?

    init(state: AppState, options: QueryOptions, width: Int, ruleParams: JSONObject = JSONObject()) {
        self.state = state
        self.options = options
        engine = DatalogEngine(state: state, width: width)
        engine.recordsTopics = options.recordsTopics
        permissions = options.viewer.map {
            QueryRuleFilter(
                state: state, viewer: $0, ruleParams: ruleParams, now: WallClock.system.now(),
                recording: options.recordsChecks)
        }
    }

    var catalog: AttrCatalog { state.catalog }
    var store: TripleStore { state.store }

    /// Evaluates every top-level form.
    mutating func evaluate(_ forms: [CompiledForm]) -> QueryResult {
        var results: [FormResult] = []
        for form in forms { results.append(evaluateTop(form)) }
        // Every result triple is of a live attr, so the live catalogue labels them all
        // (shared, not copied: building a per-query map cost more than the lookup saves).
        // Rules read whole entities, links and the user's row, which the query's own
        // topics do not cover: a permissioned live query re-runs on any change.
        let topics: [QueryTopic]
        if !options.recordsTopics {
            topics = []
        } else {
            topics = permissions?.evaluatedRule == true ? [QueryTopic.anything] : engine.topics.merged()
        }
        return QueryResult(
            forms: results, topics: topics, attrs: catalog.byID,
            checkResults: permissions?.records ?? [])
    }

    /// The slot of a live attr (every attr the parser resolved has one).
    func slot(_ attr: Attr) -> AttrSlot? { catalog.existingSlot(for: attr.id) }

    /// Whether view rules let a selected entity through: the entity itself and every
    /// triple of its matching rows (permissions §5.1 step 6).
    func canView(_ entity: EntityID, _ etype: String, row: [Triple]?) -> Bool {
        guard let permissions else { return true }
        return permissions.canView(entity, etype) && permissions.rowViewable(row ?? [])
    }

    /// One top-level form: select, order and paginate, then evaluate the page's subtrees.
    mutating func evaluateTop(_ compiled: CompiledForm) -> FormResult {
        let form = compiled.form
        var result = FormResult(form: form, entities: [], whereTriples: [], cursorTriples: [])
        guard !form.isMissing else {
            engine.topics.append(.schema)
            if form.options.isCountAggregate { result.count = 0 }
            return result
        }
        let order = form.options.isPaginated ? form.options.order ?? QueryOrder(key: .serverCreatedAt, isDescending: false) : nil
        let ordering = state.ordering(form.etype, by: order?.key ?? .serverCreatedAt)
        let selection = select(compiled, ordering: ordering)
        if form.options.isCountAggregate {
            result.count = selection.count
            return result
        }
        var page: [EntityID]
        if let order {
            if case .attr(let a) = order.key {
                // The page pattern `[?e key ?v]`, entered by the matched entities (all listed ones
                // without `where`): narrowed to them, never to the page (architecture §3.2 caveat).
                let entered = selection.matched.map { Set($0) }
                engine.topics.append(QueryTopic(indexes: QueryTopic.Indexes(of: a), entities: entered, attrs: [a.id], values: nil))
            }
            let paged = paginate(selection, ordering: ordering, form: form, order: order)
            page = paged.rows
            result.pageInfo = paged.info
            result.cursorTriples = paged.cursorTriples
        } else {
            page = allInOrder(selection, ordering: ordering, etype: form.etype)
        }
        if permissions != nil {
            // Rules filter the page after pagination (§5.1 step 2, §10); cursors follow the
            // visible rows, the has-page flags stay as computed (§5.1 step 7).
            page = page.filter { canView($0, form.etype, row: selection.triples[$0]) }
            if let order, var info = result.pageInfo {
                info.startCursor = page.first.flatMap { cursorTriple($0, etype: form.etype, key: order.key)?.triple }
                info.endCursor = page.last.flatMap { cursorTriple($0, etype: form.etype, key: order.key)?.triple }
                result.pageInfo = info
                let visible = Set(page)
                result.cursorTriples = result.cursorTriples.filter { visible.contains($0.entity) }
            }
        }
        for e in page { result.whereTriples.append(contentsOf: selection.triples[e] ?? []) }
        result.entities = nodes(page, compiled, parent: nil)
        return result
    }

    /// The entities a top-level form selects, before ordering.
    struct Selection {
        /// Matched entities, in first-match order; nil when the form has no `where` and its
        /// ordering lists them (every listed entity then matches).
        var matched: [EntityID]?
        /// Membership in `matched`, for walking an ordering.
        var members: Set<EntityID>
        /// Per matched entity, the triples of its rows (architecture §1.8 join-rows).
        var triples: [EntityID: [Triple]]
        /// Number of matching entities.
        var count: Int
    }

    /// Runs the id query in Datalog, or, with no `where` and a maintained ordering, reads
    /// the listing straight from the ordering (one topic: any id triple of the etype).
    mutating func select(_ compiled: CompiledForm, ordering: EntityOrdering?) -> Selection {
        let form = compiled.form
        if form.options.whereClause == nil, let ordering, let listing = compiled.listing {
            if engine.recordsTopics {
                engine.topics.append(contentsOf: engine.topics(for: listing, entering: [engine.emptyRow()]))
            }
            return Selection(matched: nil, members: [], triples: [:], count: ordering.keys.count)
        }
        let rows = engine.run(compiled.idClauses, input: [engine.emptyRow()])
        var matched: [EntityID] = []
        var triples: [EntityID: [Triple]] = [:]
        for row in rows {
            guard let e = row[compiled.subject]?.entityID else { continue }
            if triples[e] == nil { matched.append(e) }
            triples[e, default: []].append(contentsOf: engine.triples(of: row))
        }
        return Selection(matched: matched, members: Set(matched), triples: triples, count: matched.count)
    }

    /// Every selected entity in serverCreatedAt order (a form without pagination options).
    func allInOrder(_ selection: Selection, ordering: EntityOrdering?, etype: String) -> [EntityID] {
        guard let matched = selection.matched else {
            return ordering.map { Array($0.keys.lazy.map(\.entity)) } ?? []
        }
        if let ordering, matched.count * 4 >= ordering.keys.count {
            return Array(ordering.keys.lazy.map(\.entity).filter { selection.members.contains($0) })
        }
        return sorted(matched, etype: etype, order: nil)
    }
}
