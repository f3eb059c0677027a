import Testing

@testable import Engine

/// Random data + random queries, checked against a deliberately naive full-scan evaluator.
struct QueryDifferentialTests {
    /// Small deterministic generator so failures replay from the printed seed.
    struct Rng {
        var s: UInt64
        mutating func next() -> UInt64 {
            s = s &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return s >> 33
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }
        mutating func chance(_ p: Int) -> Bool { int(100) < p }
    }

    static func attr(_ etype: String, _ label: String, ref: String? = nil, rev: String = "", card: Attr.Cardinality = .one,
        unique: Bool = false, indexed: Bool = false, type: Attr.CheckedDataType? = nil) -> Attr {
        Attr(
            id: .random(), forwardIdentity: .init(id: .random(), etype: etype, label: label),
            reverseIdentity: ref.map { .init(id: .random(), etype: $0, label: rev) }, valueType: ref == nil ? .blob : .ref,
            cardinality: card, isUnique: unique, isIndexed: indexed, checkedDataType: type)
    }

    /// Builds a random app: etypes `a` and `b`, typed/untyped, indexed/unindexed attrs, links both ways.
    static func makeState(_ rng: inout Rng) throws -> AppState {
        let attrs = [
            attr("a", "id", unique: true), attr("a", "n", indexed: true, type: .number), attr("a", "s", indexed: true, type: .string),
            attr("a", "u"), attr("b", "id", unique: true), attr("b", "n", indexed: true, type: .number), attr("b", "u"),
            attr("a", "bs", ref: "b", rev: "as", card: .many), attr("b", "owner", ref: "a", rev: "owned", card: .one),
        ]
        var state = AppState()
        _ = try state.transact(attrs.map { .addAttr($0) }, now: 1)
        var steps: [TxStep] = []
        var overrides: [EntityID: Int64] = [:]
        func id(_ e: String, _ l: String) -> EntityID { attrs.first { $0.etype == e && $0.label == l }!.id }
        var ents: [String: [EntityID]] = ["a": [], "b": []]
        for etype in ["a", "b"] {
            for _ in 0..<(6 + rng.int(8)) {
                let e = EntityID.random()
                ents[etype]!.append(e)
                overrides[e] = Int64(1000 + rng.int(12))
                steps.append(.addTriple(.id(e), attr: id(etype, "id"), value: JSONValue(e), mode: nil))
                if rng.chance(75) { steps.append(.addTriple(.id(e), attr: id(etype, "n"), value: rng.chance(10) ? .null : .int(Int64(rng.int(5))), mode: nil)) }
                if etype == "a", rng.chance(75) { steps.append(.addTriple(.id(e), attr: id("a", "s"), value: .string(rng.pick(["ab", "Abc", "b%", "c_d", "", "abd"])), mode: nil)) }
                if rng.chance(60) { steps.append(.addTriple(.id(e), attr: id(etype, "u"), value: rng.pick([.int(1), .string("1"), .bool(true), .null, .double(1.0), .string("x")]), mode: nil)) }
            }
        }
        for a in ents["a"]! { for b in ents["b"]! where rng.chance(20) { steps.append(.addTriple(.id(a), attr: id("a", "bs"), value: JSONValue(b), mode: nil)) } }
        for b in ents["b"]! where rng.chance(60) { steps.append(.addTriple(.id(b), attr: id("b", "owner"), value: JSONValue(rng.pick(ents["a"]!)), mode: nil)) }
        _ = try state.transact(steps, context: TransactionContext(createdAtOverride: overrides), now: 2)
        return state
    }

    /// A random where object on etype `a` (paths cross both link directions).
    static func randomWhere(_ rng: inout Rng, depth: Int, ids: [EntityID]) -> JSONValue {
        if depth > 0, rng.chance(30) {
            let members = (0..<(1 + rng.int(2))).map { _ in randomWhere(&rng, depth: depth - 1, ids: ids) }
            return .object(JSONObject([(rng.chance(50) ? "or" : "and", .array(members))]))
        }
        let key = rng.pick(["n", "s", "u", "bs.n", "bs.u", "owned.n", "bs", "owned", "bs.owner.n", "id", "nope"])
        let value: JSONValue
        switch key {
        case "bs", "owned", "id": value = JSONValue(rng.pick(ids))
        case "s": value = .string(rng.pick(["ab", "Abc", "b%", "zz"]))
        case "u", "bs.u": value = rng.pick([.int(1), .string("1"), .bool(true), .string("x")])
        default: value = .int(Int64(rng.int(5)))
        }
        var ops: [JSONValue] = [value, ["$not": value], ["$isNull": .bool(rng.chance(50))], ["$in": [value, value]]]
        if ["n", "bs.n", "owned.n", "bs.owner.n"].contains(key) {
            ops.append(.object(JSONObject([(rng.pick(["$gt", "$gte", "$lt", "$lte"]), value)])))
            ops.append(["$in": [value, .null]])
        }
        if key == "s" { ops.append(.object(JSONObject([(rng.pick(["$like", "$ilike"]), .string(rng.pick(["a%", "%b%", "_b", "b\\%", "A%"])))]))) }
        return .object(JSONObject([(key, rng.pick(ops))]))
    }

    /// A where object on etype `b`, for the child form.
    static func randomChildWhere(_ rng: inout Rng, ids: [EntityID]) -> JSONValue {
        let key = rng.pick(["n", "u", "as.n", "owner", "owner.s"])
        let value: JSONValue =
            key == "owner" ? JSONValue(rng.pick(ids)) : key == "owner.s" ? "ab" : key == "u" ? .int(1) : .int(Int64(rng.int(5)))
        let op: JSONValue = rng.pick([value, ["$not": value], ["$isNull": .bool(rng.chance(50))]])
        return .object(JSONObject([(key, op)]))
    }

    /// A random query on etype `a` with a child form `bs` (nested where, and/or, ops, order,
    /// pagination and cursors); shared with the topics test.
    static func randomQuery(_ rng: inout Rng, naive: NaiveEvaluator, ids: [EntityID]) -> JSONValue {
        var opts = JSONObject()
        if rng.chance(80) { opts["where"] = randomWhere(&rng, depth: 2, ids: ids) }
        if rng.chance(40) { opts["order"] = .object(JSONObject([(rng.pick(["serverCreatedAt", "n"]), .string(rng.pick(["asc", "desc"])))])) }
        if rng.chance(30) { opts[rng.pick(["limit", "first", "last"])] = .int(Int64(1 + rng.int(4))) }
        if rng.chance(20) { opts["offset"] = .int(Int64(rng.int(4))) }
        let listedA = naive.listed("a")
        if rng.chance(20), !listedA.isEmpty { opts["after"] = naive.cursorJSON(rng.pick(listedA), order: opts["order"]); opts["afterInclusive"] = .bool(rng.chance(30)) }
        if rng.chance(10), let e = listedA.first { opts["before"] = naive.cursorJSON(e, order: opts["order"]); opts["beforeInclusive"] = .bool(rng.chance(50)) }
        var child = JSONObject()
        if rng.chance(50) { child["$"] = ["where": randomChildWhere(&rng, ids: ids)] }
        return ["a": .object(JSONObject([("$", .object(opts)), ("bs", .object(child))]))]
    }

    /// The engine's answer in the naive evaluator's terms.
    static func outcome(_ actual: QueryResult) -> NaiveEvaluator.Outcome {
        NaiveEvaluator.Outcome(
            ids: actual.forms[0].entities.map(\.id),
            children: actual.forms[0].entities.map { Set($0.children[0].entities.map(\.id)) },
            next: actual.forms[0].pageInfo?.hasNextPage, previous: actual.forms[0].pageInfo?.hasPreviousPage)
    }

    /// Each query runs twice: once with the store's maintained orderings (pages walk them)
    /// and once without any (pages sort the matched entities), and both must agree with
    /// the naive evaluator.
    @Test func engineAgreesWithNaiveEvaluator() throws {
        var checked = 0
        for seed in UInt64(1)...40 {
            var rng = Rng(s: seed)
            let state = try Self.makeState(&rng)
            var unordered = state
            unordered.store.setOrderings([])
            let naive = NaiveEvaluator(state: state)
            let ids = naive.listed("a") + naive.listed("b")
            for _ in 0..<260 {
                let query = Self.randomQuery(&rng, naive: naive, ids: ids)
                let expected = naive.run(query)
                let got = Self.outcome(try InstaQL.run(query: query, on: state, options: QueryOptions()))
                let sorted = Self.outcome(try InstaQL.run(query: query, on: unordered, options: QueryOptions()))
                #expect(got == expected, "seed \(seed) query \(query.jsonString)")
                #expect(sorted == expected, "seed \(seed) query \(query.jsonString) (no orderings)")
                if got != expected || sorted != expected { return }
                checked += 1
            }
        }
        #expect(checked == 40 * 260)
    }
}
