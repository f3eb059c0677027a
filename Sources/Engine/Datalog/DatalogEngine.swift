/// Evaluates Datalog clauses over one app's triple indexes (architecture §1).
///
/// A clause list runs one clause at a time in the order the planner picks from exact
/// counts (`DatalogPlanner`), each clause extending the rows so far: the first use of a
/// variable binds it, later uses join on it (§1.3). Every pattern also records the index
/// pattern it read as a topic (§3.2), narrowed by the bindings that entered it.
///
/// Once the rows are empty evaluation stops, and the remaining clauses record no topic:
/// by induction over the clauses that did run, a change matching none of their topics
/// leaves the rows empty, so nothing after them can matter.
struct DatalogEngine {
    let state: AppState
    /// Row width: the number of variables of the compiled query.
    let width: Int
    /// Topics in evaluation order (architecture §3.2).
    var topics: [QueryTopic] = []
    /// Whether patterns record topics; off for one-shot queries, which never read them.
    var recordsTopics = true
    /// The patterns in the order they ran, when recording (tests read the plan from it).
    var plan: [DatalogPattern]?
    /// Attr set → index in `topics` of the entity-narrowed topic being merged for it.
    var merging: [ObjectIdentifier: Int] = [:]
    /// The triples of every row this engine made.
    var arena = DatalogArena()

    init(state: AppState, width: Int, recordsPlan: Bool = false) {
        self.state = state
        self.width = width
        plan = recordsPlan ? [] : nil
    }

    var store: TripleStore { state.store }
    var catalog: AttrCatalog { state.catalog }

    /// A row with nothing bound.
    func emptyRow() -> DatalogRow { DatalogRow(width: width) }

    /// A row's triples in match order.
    func triples(of row: DatalogRow) -> [Triple] { arena.triples(endingAt: row.lastTriple) }

    /// A row with only `variable` bound, the input of a correlated child run (§1.5).
    func row(binding variable: DatalogVariable, to value: TripleValue) -> DatalogRow {
        var row = emptyRow()
        row.values[variable.index] = value
        return row
    }

    /// Runs a clause list starting from `input` (usually one empty row).
    mutating func run(_ clauses: [DatalogClause], input: [DatalogRow]) -> [DatalogRow] {
        var remaining = Self.flatten(clauses)
        var rows = input
        guard remaining.count > 1 else {
            // One clause: nothing to order (entity groups and child links, once per entity).
            return remaining.first.map { apply($0, to: rows) } ?? rows
        }
        var bound = Self.boundEverywhere(rows)
        let planner = DatalogPlanner(state: state)
        while !remaining.isEmpty, !rows.isEmpty {
            let clause = remaining.remove(at: remaining.count == 1 ? 0 : planner.next(remaining, bound: bound, rowCount: rows.count))
            rows = apply(clause, to: rows)
            if !remaining.isEmpty { clause.addBoundVariables(to: &bound) }
        }
        return rows
    }

    /// `and` lists are inlined (§1.4) so the planner can order across them.
    static func flatten(_ clauses: [DatalogClause]) -> [DatalogClause] {
        guard clauses.contains(where: { if case .and = $0 { true } else { false } }) else { return clauses }
        return clauses.flatMap { clause -> [DatalogClause] in
            if case .and(let inner) = clause { return flatten(inner) }
            return [clause]
        }
    }

    /// Variables bound in every row.
    static func boundEverywhere(_ rows: [DatalogRow]) -> Set<Int> {
        guard let first = rows.first else { return [] }
        var bound = Set(first.values.indices.filter { first.values[$0] != nil })
        for row in rows.dropFirst() where !bound.isEmpty { bound = bound.filter { row.values[$0] != nil } }
        return bound
    }

    private mutating func apply(_ clause: DatalogClause, to rows: [DatalogRow]) -> [DatalogRow] {
        switch clause {
        case .pattern(let pattern):
            if recordsTopics { recordTopics(for: pattern, entering: rows) }
            plan?.append(pattern)
            return match(pattern, rows)
        case .and(let inner):
            return run(inner, input: rows)
        case .or(let branches, let join):
            return union(branches, join: join, rows: rows)
        case .missingAttr:
            topics.append(.schema)
            return []
        }
    }

    /// `or` (§1.4): each branch runs in isolation, seeing only the join symbol's values from
    /// the rows before it; its rows are then joined back on the join symbol. A row may
    /// match several branches: it then appears once per branch row (the triples shipped
    /// are the same either way, and multiplicity does not matter to clients).
    private mutating func union(_ branches: [[DatalogClause]], join: DatalogVariable, rows: [DatalogRow]) -> [DatalogRow] {
        let joinBound = Self.boundEverywhere(rows).contains(join.index)
        let joinValues = joinBound ? rows.values(of: join) : []
        let branchInput = joinBound ? joinValues.map { row(binding: join, to: $0) } : [emptyRow()]
        var out: [DatalogRow] = []
        for branch in branches {
            let results = run(branch, input: branchInput)
            if joinBound {
                var byValue: [TripleValue: [DatalogRow]] = [:]
                for result in results { if let v = result[join] { byValue[v, default: []].append(result) } }
                for row in rows {
                    for result in byValue[row[join]!] ?? [] { out.append(merge(row, result)) }
                }
            } else {
                for row in rows {
                    for result in results where row[join] == nil || row[join] == result[join] {
                        out.append(merge(row, result))
                    }
                }
            }
        }
        return out
    }

    /// A row extended by a branch row: branch bindings fill unbound slots, triples append.
    mutating func merge(_ row: DatalogRow, _ branch: DatalogRow) -> DatalogRow {
        var merged = row
        for i in merged.values.indices where merged.values[i] == nil { merged.values[i] = branch.values[i] }
        merged.lastTriple = arena.appendRow(endingAt: branch.lastTriple, after: row.lastTriple)
        return merged
    }
}
