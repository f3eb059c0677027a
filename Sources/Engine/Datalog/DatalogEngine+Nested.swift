/// Nested pattern groups (architecture §1.5): child groups run once per distinct value of
/// the parent's join symbol, each seeing only that binding.
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

    /// Runs the child groups once per join value, in the order given. The query layer calls
    /// this directly with the values of one page, so children of rows outside the page
    /// are never evaluated.
    mutating func evaluateChildren(
        _ children: DatalogChildren, for values: [TripleValue]
    ) -> [TripleValue: [DatalogNestedResult]] {
        var out: [TripleValue: [DatalogNestedResult]] = [:]
        for value in values where out[value] == nil {
            let input = [row(binding: children.joinSymbol, to: value)]
            out[value] = children.groups.map { evaluate($0, input: input) }
        }
        return out
    }
}
