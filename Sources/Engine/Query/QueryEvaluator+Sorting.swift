/// Sort keys of entities and cursors (data-model §6.1, §6.3), shared by sorted child
/// lists, on-the-fly sorts of matched entities and cursor positions.
extension QueryEvaluator {
    /// `serverCreatedAt`: the `t` of the entity's id triple in `etype`.
    func createdAt(_ entity: EntityID, _ etype: String) -> Int64? {
        guard let idAttr = catalog.idAttr(etype), let s = slot(idAttr) else { return nil }
        return store.fact(of: entity, s)?.createdAt
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

    /// Ascending order keys of `entities`.
    func orderKeys(_ entities: [EntityID], etype: String, key: QueryOrder.Key) -> [EntityOrderKey] {
        if case .attr = key {
            return entities.map { EntityOrderKey(value: sortValue($0, etype: etype, key: key), entity: $0) }.sorted()
        }
        // serverCreatedAt: resolve the id attr's slot once, not per entity.
        let idSlot = catalog.idAttr(etype).flatMap { slot($0) }
        return entities.map { e in
            EntityOrderKey(value: idSlot.flatMap { store.fact(of: e, $0) }.map { .date($0.createdAt) }, entity: e)
        }.sorted()
    }

    /// Sorts by the order (default serverCreatedAt ascending), ties by id.
    func sorted(_ entities: [EntityID], etype: String, order: QueryOrder?) -> [EntityID] {
        guard entities.count > 1 else { return entities }
        let keys = orderKeys(entities, etype: etype, key: order?.key ?? .serverCreatedAt)
        return (order?.isDescending ?? false) ? keys.reversed().map(\.entity) : keys.map(\.entity)
    }

    /// The position of a cursor row.
    func cursorKey(_ cursor: QueryCursor, etype: String, key: QueryOrder.Key) -> EntityOrderKey {
        let entity = cursor.entity ?? EntityID(high: 0, low: 0)
        switch key {
        case .serverCreatedAt, .unknown:
            let t = cursor.createdAt ?? createdAt(entity, etype)
            return EntityOrderKey(value: t.map { .date($0) }, entity: entity)
        case .attr(let a):
            let value = a.checkedDataType.flatMap { TypedValue(stored: cursor.value, type: $0) }
            return EntityOrderKey(value: value, entity: entity)
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
}
