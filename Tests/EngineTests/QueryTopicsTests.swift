import Testing

@testable import Engine

/// Random queries against random transactions: a query whose result changed must have a
/// topic that one of the transaction's changed triples matches (architecture §3.4), else
/// the invalidator would never refresh it. Unchanged results whose topics matched anyway
/// are counted as over-invalidation.
struct QueryTopicsTests {
    typealias D = QueryDifferentialTests

    /// Everything a subscriber can observe: tree, page-info, aggregates and the socket triples.
    struct Observed: Equatable {
        var tree: JSONValue
        var pageInfo: JSONValue
        var triples: Set<Triple>

        init(_ r: QueryResult) {
            tree = r.adminTree(inference: false)
            pageInfo = r.pageInfoJSON
            triples = Set(r.allTriples)
        }
    }

    /// One to three random data steps on the differential test's schema: value writes,
    /// nulls, retractions, links both ways, new entities and deletes.
    static func randomTransaction(_ rng: inout D.Rng, state: AppState) -> [TxStep] {
        let catalog = state.catalog
        func attr(_ etype: String, _ label: String) -> Attr { catalog.forward(etype, label)! }
        func listed(_ etype: String) -> [EntityID] { state.allTriples().filter { $0.attr == attr(etype, "id").id }.map(\.entity) }
        var steps: [TxStep] = []
        for _ in 0..<(1 + rng.int(3)) {
            let etype = rng.pick(["a", "b"])
            let entities = listed(etype)
            guard !entities.isEmpty else { continue }
            let e = rng.pick(entities)
            switch rng.int(8) {
            case 0: steps.append(.addTriple(.id(e), attr: attr(etype, "n").id, value: rng.chance(15) ? .null : .int(Int64(rng.int(5))), mode: nil))
            case 1: steps.append(.addTriple(.id(e), attr: attr("a", "s").id, value: .string(rng.pick(["ab", "Abc", "b%", "zz"])), mode: nil))
            case 2: steps.append(.addTriple(.id(e), attr: attr(etype, "u").id, value: rng.pick([.int(1), .string("1"), .bool(true), .null, .string("x")]), mode: nil))
            case 3:
                let own = state.triples(of: e).filter { !(catalog[$0.attr]?.isIDAttr ?? true) }
                if !own.isEmpty {
                    let t = rng.pick(own)
                    steps.append(.retractTriple(.id(e), attr: t.attr, value: t.value.json))
                }
            case 4:
                let targets = listed("b")
                if !targets.isEmpty { steps.append(.addTriple(.id(rng.pick(listed("a"))), attr: attr("a", "bs").id, value: JSONValue(rng.pick(targets)), mode: nil)) }
            case 5:
                steps.append(.addTriple(.id(rng.pick(listed("b"))), attr: attr("b", "owner").id, value: JSONValue(rng.pick(listed("a"))), mode: nil))
            case 6:
                // From the seeded generator, so a printed seed replays the same ids.
                let fresh = EntityID(high: rng.next() << 32 | rng.next() & 0xFFFF_0FFF | 0x4000, low: rng.next() | 0x8000_0000_0000_0000)
                steps.append(.addTriple(.id(fresh), attr: attr(etype, "id").id, value: JSONValue(fresh), mode: nil))
                if rng.chance(70) { steps.append(.addTriple(.id(fresh), attr: attr(etype, "n").id, value: .int(Int64(rng.int(5))), mode: nil)) }
                if etype == "b", rng.chance(50) { steps.append(.addTriple(.id(fresh), attr: attr("b", "owner").id, value: JSONValue(rng.pick(listed("a"))), mode: nil)) }
            default:
                steps.append(.deleteEntity(.id(e), etype: etype))
            }
        }
        return steps
    }

    @Test func changedResultsAlwaysMatchATopic() throws {
        var pairs = 0
        var changed = 0
        var unchanged = 0
        var overInvalidated = 0
        for seed in UInt64(1)...30 {
            var rng = D.Rng(s: seed &* 7919)
            let state = try D.makeState(&rng)
            let naive = NaiveEvaluator(state: state)
            let ids = naive.listed("a") + naive.listed("b")
            let queries = (0..<16).map { _ in D.randomQuery(&rng, naive: naive, ids: ids) }
            let before = try queries.map { try InstaQL.run(query: $0, on: state, options: QueryOptions()) }
            for _ in 0..<8 {
                var after = state
                let steps = Self.randomTransaction(&rng, state: state)
                guard !steps.isEmpty, let report = try? after.transact(steps, now: 5_000) else { continue }
                for (query, old) in zip(queries, before) {
                    let new = try InstaQL.run(query: query, on: after, options: QueryOptions())
                    let matched = report.changes.contains { change in
                        report.attrs[change.triple.attr].map { old.topics.matches(change.triple, attr: $0) } ?? true
                    }
                    pairs += 1
                    if Observed(new) != Observed(old) {
                        changed += 1
                        #expect(matched, "missed invalidation: seed \(seed) query \(query.jsonString) steps \(steps)")
                    } else {
                        unchanged += 1
                        if matched { overInvalidated += 1 }
                    }
                }
            }
        }
        let ratio = Double(overInvalidated) / Double(max(1, unchanged))
        print("topics: \(pairs) pairs, \(changed) changed, \(unchanged) unchanged, \(overInvalidated) of them matched anyway (over-invalidation \(Int((ratio * 100).rounded()))%)")
        #expect(pairs >= 3000)
    }
}
