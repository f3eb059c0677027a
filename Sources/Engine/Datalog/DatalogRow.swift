/// One result row (architecture §1.8 `join-rows`): the bindings made so far and the
/// triples matched, one per pattern that matched a stored triple, in match order.
///
/// The triples are what the socket encoding ships: the client re-runs the query over
/// them, so every triple that made a row match travels with it (architecture §1.9).
/// They live in the engine's `DatalogArena`; `DatalogEngine.triples(of:)` reads them.
public struct DatalogRow: Sendable {
    /// Indexed by `DatalogVariable.index`; nil while unbound. Entity ids are `.id` values.
    public var values: [TripleValue?]
    /// The row's last triple in the arena; -1 while it has none.
    public var lastTriple = -1

    /// A row with nothing bound.
    public init(width: Int) {
        values = Array(repeating: nil, count: width)
    }

    /// The value bound to `variable`, if any.
    public subscript(variable: DatalogVariable) -> TripleValue? { values[variable.index] }
}

extension Array where Element == DatalogRow {
    /// The distinct values `variable` took across the rows (architecture §1.8 `symbol-values`),
    /// in first-seen order.
    public func values(of variable: DatalogVariable) -> [TripleValue] {
        var seen = Set<TripleValue>()
        var out: [TripleValue] = []
        for row in self {
            if let v = row.values[variable.index], seen.insert(v).inserted { out.append(v) }
        }
        return out
    }
}
