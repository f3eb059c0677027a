/// Ordering and top-level pagination (data-model §6.1–§6.3).
extension QueryEvaluator {
    /// A row's position: order value (nil = null, first in asc) then entity id.
    struct SortKey {
        var value: TypedValue?
        var entity: EntityID

        /// Ascending comparison.
        func precedes(_ other: SortKey) -> Bool {
            switch compareNullsFirst(value, other.value) {
            case .less: true
            case .greater: false
            case .equal: entity < other.entity
            }
        }
    }

    /// The sort value of an entity under an order key. Untyped attrs (nested orders) sort
    /// by a generic JSON ranking.
    func sortValue(_ entity: EntityID, etype: String, key: QueryOrder.Key) -> TypedValue? {
        switch key {
        case .serverCreatedAt, .unknown:
            return createdAt(entity, etype).map { .date($0) }
        case .attr(let a):
            guard let s = slot(a), let v = store.fact(of: entity, s)?.value.json else { return nil }
            if let type = a.checkedDataType { return TypedValue(stored: v, type: type) }
            switch v {
            case .null: return nil
            case .bool(let b): return .boolean(b)
            case .int, .double, .bigNumber: return v.doubleValue.map { .number($0) }
            case .string(let s): return .string(s)
            case .array, .object: return .string(v.jsonString)
            }
        }
    }

    /// Sorts by the order (default serverCreatedAt ascending), ties by id.
    func sorted(_ entities: [EntityID], etype: String, order: QueryOrder?) -> [EntityID] {
        let key = order?.key ?? .serverCreatedAt
        let descending = order?.isDescending ?? false
        let keys = entities.map { SortKey(value: sortValue($0, etype: etype, key: key), entity: $0) }
        return keys.sorted { descending ? $1.precedes($0) : $0.precedes($1) }.map(\.entity)
    }

    /// The position of a cursor row.
    func cursorKey(_ cursor: QueryCursor, etype: String, key: QueryOrder.Key) -> SortKey {
        let entity = cursor.entity ?? EntityID(high: 0, low: 0)
        switch key {
        case .serverCreatedAt, .unknown:
            let t = cursor.createdAt ?? createdAt(entity, etype)
            return SortKey(value: t.map { .date($0) }, entity: entity)
        case .attr(let a):
            let value = a.checkedDataType.flatMap { TypedValue(stored: cursor.value, type: $0) }
            return SortKey(value: value, entity: entity)
        }
    }

    /// The cursor triple of a row (§6.3): the id triple, or the order attr's triple
    /// (synthesised with a null value when missing).
    func cursorTriple(_ entity: EntityID, etype: String, key: QueryOrder.Key) -> (triple: Triple, isReal: Bool)? {
        let t = createdAt(entity, etype) ?? 0
        switch key {
        case .serverCreatedAt, .unknown:
            guard let idAttr = catalog.idAttr(etype) else { return nil }
            return (Triple(entity: entity, attr: idAttr.id, value: .id(entity), createdAt: t), true)
        case .attr(let a):
            if let s = slot(a), let f = store.fact(of: entity, s) {
                return (Triple(entity: entity, attr: a.id, value: f.value, createdAt: f.createdAt), true)
            }
            return (Triple(entity: entity, attr: a.id, value: .json(.null), createdAt: t), false)
        }
    }

    /// Applies cursors, offset and limit/last and computes page-info (§6.2).
    func paginate(
        _ matched: [EntityID], form: InstaQLForm, order: QueryOrder
    ) -> (rows: [EntityID], info: PageInfo, cursorTriples: [Triple]) {
        let o = form.options
        let etype = form.etype
        let keys = matched.map { SortKey(value: sortValue($0, etype: etype, key: order.key), entity: $0) }
        // `before(a, b)`: a comes first in the requested direction.
        func before(_ a: SortKey, _ b: SortKey) -> Bool { order.isDescending ? b.precedes(a) : a.precedes(b) }
        func same(_ a: SortKey, _ b: SortKey) -> Bool { !a.precedes(b) && !b.precedes(a) }
        let all = keys.sorted(by: before)
        var rows = all
        if let after = o.after {
            let c = cursorKey(after, etype: etype, key: order.key)
            rows = rows.filter { before(c, $0) || (o.afterInclusive && same(c, $0)) }
        }
        if let beforeCursor = o.before {
            let c = cursorKey(beforeCursor, etype: etype, key: order.key)
            rows = rows.filter { before($0, c) || (o.beforeInclusive && same(c, $0)) }
        }
        let offset = o.offset ?? 0
        var page: [SortKey]
        if let n = o.limit, o.isLast {
            let remaining = rows.dropLast(offset)
            page = Array(remaining.suffix(n))
        } else {
            page = Array(rows.dropFirst(offset))
            if let n = o.limit { page = Array(page.prefix(n)) }
        }
        let hasNext: Bool
        if o.limit == nil && o.before == nil {
            hasNext = false
        } else if o.limit != nil && !o.isLast && o.before == nil {
            hasNext = rows.count > offset + o.limit!
        } else if let last = page.last {
            hasNext = all.contains { before(last, $0) }
        } else {
            hasNext = false
        }
        var hasPrevious: Bool
        if o.after == nil && offset == 0 && !o.isLast {
            hasPrevious = false
        } else if o.isLast, let n = o.limit, o.after == nil {
            hasPrevious = rows.count > offset + n
        } else if let first = page.first {
            hasPrevious = all.contains { before($0, first) }
        } else {
            hasPrevious = false
        }
        if page.isEmpty && (offset > 0 || o.after != nil) { hasPrevious = true }
        let start = page.first.flatMap { cursorTriple($0.entity, etype: etype, key: order.key) }
        let end = page.last.flatMap { cursorTriple($0.entity, etype: etype, key: order.key) }
        var real: [Triple] = []
        for row in page {
            if let c = cursorTriple(row.entity, etype: etype, key: order.key), c.isReal { real.append(c.triple) }
        }
        let info = PageInfo(
            startCursor: start?.triple, endCursor: end?.triple, hasNextPage: hasNext, hasPreviousPage: hasPrevious)
        return (page.map(\.entity), info, real)
    }
}
