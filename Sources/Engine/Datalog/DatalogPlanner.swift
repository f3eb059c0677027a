/// Picks the clause to run next (architecture §1.7): the one that reads the fewest index
/// entries given what is bound now. In memory the counts are exact, so no sketches:
///
/// * a known value costs its exact postings count (per-value counts of `TripleStore.values`);
/// * a known entity costs the entering rows times the attr's fan-out (1 for cardinality
///   one, else the attr's triples per entity of its etype);
/// * anything else, including a function, costs a scan of the attr (per-attr counts).
///
/// A selective where clause therefore always runs before a scan. Ties keep query order.
struct DatalogPlanner {
    let state: AppState

    /// Above this many constants, a value set is priced from the attr's average postings.
    static let exactValueLimit = 64

    /// Index of the cheapest clause.
    func next(_ clauses: [DatalogClause], bound: Set<Int>, rowCount: Int) -> Int {
        var best = 0
        var bestCost = Double.infinity
        for (i, clause) in clauses.enumerated() {
            let c = cost(clause, bound: bound, rowCount: rowCount)
            if c < bestCost {
                best = i
                bestCost = c
            }
        }
        return best
    }

    /// Estimated index entries read by running `clause` on `rowCount` rows.
    func cost(_ clause: DatalogClause, bound: Set<Int>, rowCount: Int) -> Double {
        switch clause {
        case .missingAttr:
            return 0
        case .pattern(let p):
            return cost(p, bound: bound, rows: Double(rowCount))
        case .and(let inner):
            let flat = DatalogEngine.flatten(inner)
            return flat.map { cost($0, bound: bound, rowCount: rowCount) }.min() ?? 0
        case .or(let branches, let join):
            let joinBound = bound.contains(join.index)
            let branchBound: Set<Int> = joinBound ? [join.index] : []
            let branchRows = joinBound ? rowCount : 1
            return branches.reduce(0) { total, branch in
                let flat = DatalogEngine.flatten(branch)
                return total + (flat.map { cost($0, bound: branchBound, rowCount: branchRows) }.min() ?? 0)
            }
        }
    }

    private func cost(_ p: DatalogPattern, bound: Set<Int>, rows: Double) -> Double {
        let store = state.store
        // Live attrs of a constant attr position, read in place (zipping them into a labelled
        // tuple array cost a forced array cast per pattern priced). An attr variable prices
        // like `_`; InstaQL never produces one.
        var attrs: DatalogAttrSet?
        if case .constant(let set) = p.attr { attrs = set }
        let attrTriples = attrs.map { $0.slots.reduce(0) { $0 + Double(store.count(of: $1)) } } ?? Double(store.count)
        if let entities = known(p.entity, bound: bound, rows: rows) {
            guard let attrs else { return entities * Double(store.count) / Double(max(1, store.entityCount)) }
            var fanOuts = 0.0
            for (attr, slot) in zip(attrs.attrs, attrs.slots) { fanOuts += fanOut(attr, slot) }
            return entities * fanOuts
        }
        if case .function(.isNull) = p.value { return attrTriples }
        if case .constant(let values) = p.value, let attrs, values.count <= Self.exactValueLimit {
            var total = 0
            for slot in attrs.slots { for v in values { total += store.postings(slot, v)?.count ?? 0 } }
            return Double(total)
        }
        if let values = known(p.value, bound: bound, rows: rows) {
            guard let attrs else { return values * Double(state.catalog.slotCount) }
            return values
                * attrs.slots.reduce(0) { $0 + Double(store.count(of: $1)) / Double(max(1, store.valueIndex($1).count)) }
        }
        return attrTriples
    }

    /// Triples of `attr` per entity holding it: 1 for cardinality one, else the attr's
    /// triples over the number of listed entities of its etype.
    private func fanOut(_ attr: Attr, _ slot: AttrSlot) -> Double {
        if attr.cardinality == .one { return 1 }
        let idCount = state.catalog.idAttr(attr.etype).flatMap { state.catalog.existingSlot(for: $0.id) }
            .map { state.store.count(of: $0) } ?? 1
        return max(1, Double(state.store.count(of: slot)) / Double(max(1, idCount)))
    }

    /// How many values a position is known to hold: a constant set's size, or one per row
    /// for a bound variable; nil when unknown.
    private func known(_ term: DatalogTerm, bound: Set<Int>, rows: Double) -> Double? {
        switch term {
        case .constant(let set): return Double(set.count)
        case .variable(let v): return bound.contains(v.index) ? rows : nil
        case .any, .function: return nil
        }
    }
}
