/// Top-level pagination (data-model §6.2–§6.3) as a walk over ascending order keys: a
/// maintained ordering walked in place (O(offset + limit) plus one probe per page edge),
/// or the matched entities sorted on the spot when they are few.
extension QueryEvaluator {
    /// Applies cursors, offset and limit/last and computes page-info.
    func paginate(
        _ selection: Selection, ordering: EntityOrdering?, form: InstaQLForm, order: QueryOrder
    ) -> (rows: [EntityID], info: PageInfo, cursorTriples: [Triple]) {
        let etype = form.etype
        if let ordering {
            if selection.matched == nil {
                return page(ordering.keys, lowerBound: ordering.keys.lowerBound, isMember: { _ in true }, form: form, order: order)
            }
            if selection.count * 4 >= ordering.keys.count {
                let members = selection.members
                return page(ordering.keys, lowerBound: ordering.keys.lowerBound, isMember: members.contains, form: form, order: order)
            }
        }
        let keys = orderKeys(selection.matched ?? [], etype: etype, key: order.key)
        let lowerBound = { (key: EntityOrderKey) -> Int in
            var low = 0
            var high = keys.count
            while low < high {
                let mid = (low + high) / 2
                if keys[mid] < key { low = mid + 1 } else { high = mid }
            }
            return low
        }
        return page(keys, lowerBound: lowerBound, isMember: { _ in true }, form: form, order: order)
    }

    /// The page over `keys` (ascending), walking in the requested direction.
    func page<Keys: BidirectionalCollection>(
        _ keys: Keys, lowerBound: (EntityOrderKey) -> Keys.Index, isMember: (EntityID) -> Bool,
        form: InstaQLForm, order: QueryOrder
    ) -> (rows: [EntityID], info: PageInfo, cursorTriples: [Triple]) where Keys.Element == EntityOrderKey {
        let o = form.options
        let descending = order.isDescending
        let after = o.after.map { cursorKey($0, etype: form.etype, key: order.key) }
        let before = o.before.map { cursorKey($0, etype: form.etype, key: order.key) }
        // One step later (`forward`) or earlier in the requested order; nil past the end.
        func step(_ i: Keys.Index, forward: Bool) -> Keys.Index? {
            if forward != descending {
                let next = keys.index(after: i)
                return next == keys.endIndex ? nil : next
            }
            return i == keys.startIndex ? nil : keys.index(before: i)
        }
        func edge(forward: Bool) -> Keys.Index? {
            guard !keys.isEmpty else { return nil }
            return forward != descending ? keys.startIndex : keys.index(before: keys.endIndex)
        }
        // The first position beyond a cursor in the walking direction (at it when inclusive).
        func beyond(_ c: EntityOrderKey, inclusive: Bool, forward: Bool) -> Keys.Index? {
            let lb = lowerBound(c)
            let hit = lb != keys.endIndex && keys[lb] == c
            if forward != descending {
                let p = hit && !inclusive ? keys.index(after: lb) : lb
                return p == keys.endIndex ? nil : p
            }
            if hit && inclusive { return lb }
            return lb == keys.startIndex ? nil : keys.index(before: lb)
        }
        func member(from start: Keys.Index?, forward: Bool) -> Keys.Index? {
            var p = start
            while let q = p, !isMember(keys[q].entity) { p = step(q, forward: forward) }
            return p
        }
        // `a` comes before `b` in the requested order.
        func precedes(_ a: EntityOrderKey, _ b: EntityOrderKey) -> Bool { descending ? b < a : a < b }
        func inRange(_ k: EntityOrderKey) -> Bool {
            if let after, !(precedes(after, k) || (o.afterInclusive && after == k)) { return false }
            if let before, !(precedes(k, before) || (o.beforeInclusive && before == k)) { return false }
            return true
        }
        let forward = !o.isLast
        let bound = forward ? after.map { ($0, o.afterInclusive) } : before.map { ($0, o.beforeInclusive) }
        var p = member(from: bound.map { beyond($0.0, inclusive: $0.1, forward: forward) } ?? edge(forward: forward), forward: forward)
        var skipped = 0
        var picked: [Keys.Index] = []
        while let q = p, inRange(keys[q]) {
            if skipped < (o.offset ?? 0) {
                skipped += 1
            } else {
                picked.append(q)
                if let n = o.limit, picked.count == n { break }
            }
            p = member(from: step(q, forward: forward), forward: forward)
        }
        if !forward { picked.reverse() }
        let rows = picked.map { keys[$0].entity }
        let hasNext =
            (o.limit == nil && o.before == nil) ? false : picked.last.map { member(from: step($0, forward: true), forward: true) != nil } ?? false
        var hasPrevious =
            (o.after == nil && (o.offset ?? 0) == 0 && !o.isLast)
            ? false : picked.first.map { member(from: step($0, forward: false), forward: false) != nil } ?? false
        if rows.isEmpty && ((o.offset ?? 0) > 0 || o.after != nil) { hasPrevious = true }
        let start = rows.first.flatMap { cursorTriple($0, etype: form.etype, key: order.key) }
        let end = rows.last.flatMap { cursorTriple($0, etype: form.etype, key: order.key) }
        var real: [Triple] = []
        for row in rows {
            if let c = cursorTriple(row, etype: form.etype, key: order.key), c.isReal { real.append(c.triple) }
        }
        let info = PageInfo(startCursor: start?.triple, endCursor: end?.triple, hasNextPage: hasNext, hasPreviousPage: hasPrevious)
        return (rows, info, real)
    }
}
