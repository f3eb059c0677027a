/// Nested pattern groups (architecture §1.5): child groups run once per distinct value of
/// the parent's join symbol, each seeing only that binding.
///
/// They are evaluated set-at-a-time: each child group runs once, its input one row per
/// join value, and its rows are then split by join value. That equals one run per value,
/// because a row only ever extends its own input row (an `or` joins back on the row's own
/// join value), and the topics equal the merged per-value topics; but the per-run costs
/// (planning, topics, buffers) are paid once per group instead of once per entity.
extension DatalogEngine {
    /// Runs a group and, recursively, its children for every join value its rows produced.
    mutating func evaluate(_ group: DatalogGroup, input: [DatalogRow]) -> DatalogNestedResult {
        let rows = run(group.clauses, input: input)
        var result = DatalogNestedResult(rows: rows, children: [:])
        if let children = group.children {
            result.children = evaluateChildren(children, for: rows.values(of: children.joinSymbol))
        }
        return result
    }

    /// The child groups' results per join value, in group order. The query layer calls this
    /// directly with the values of one page, so rows outside the page get no children.
    /// A result's `children` may also hold the entries of its siblings (they share one
    /// batched evaluation); look them up by the join values of its own rows.
    mutating func evaluateChildren(
        _ children: DatalogChildren, for values: [TripleValue]
    ) -> [TripleValue: [DatalogNestedResult]] {
        let join = children.joinSymbol
        var distinct: [TripleValue] = []
        var seen = Set<TripleValue>(minimumCapacity: values.count)
        for v in values where seen.insert(v).inserted { distinct.append(v) }
        let input = distinct.map { row(binding: join, to: $0) }
        var out = [TripleValue: [DatalogNestedResult]](minimumCapacity: distinct.count)
        for value in distinct {
            var list: [DatalogNestedResult] = []
            list.reserveCapacity(children.groups.count)
            out[value] = list
        }
        for group in children.groups {
            let rows = input.isEmpty ? [] : run(group.clauses, input: input)
            var byValue = [TripleValue: [DatalogRow]](minimumCapacity: distinct.count)
            for row in rows { if let v = row[join] { byValue[v, default: []].append(row) } }
            var nested: [TripleValue: [DatalogNestedResult]] = [:]
            if let grandchildren = group.children {
                nested = evaluateChildren(grandchildren, for: rows.values(of: grandchildren.joinSymbol))
            }
            for value in distinct {
                out[value]!.append(DatalogNestedResult(rows: byValue[value] ?? [], children: nested))
            }
        }
        return out
    }
}
