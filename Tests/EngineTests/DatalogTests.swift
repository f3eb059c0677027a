import Testing

@testable import Engine

/// The Datalog core on the zeneca fixture: the index table, joins, `or` isolation, nested
/// groups, the planner's order and topic narrowing (architecture §1, §3.2).
struct DatalogTests {
    let state = QueryFixtures.zeneca
    var catalog: AttrCatalog { state.catalog }

    func attr(_ etype: String, _ label: String) -> EntityID { catalog.forward(etype, label)!.id }
    func v(_ i: Int, _ name: String) -> DatalogVariable { DatalogVariable(index: i, name: name) }
    func p(_ e: DatalogTerm, _ a: EntityID, _ value: DatalogTerm) -> DatalogClause {
        .pattern(DatalogPattern(e, .constant(DatalogAttrSet([a], catalog: catalog)), value))
    }

    @Test(arguments: [
        (true, true, true, DatalogIndex.entityFacts), (true, true, false, .entityFacts), (true, false, true, .entityFacts),
        (true, false, false, .entityFacts), (false, true, true, .valuePostings), (false, true, false, .attrScan),
        (false, false, true, .valueInEveryAttr), (false, false, false, .fullScan),
    ])
    func indexTable(entity: Bool, attr: Bool, value: Bool, expected: DatalogIndex) {
        #expect(DatalogIndex.choose(entity: entity, attr: attr, value: value) == expected)
    }

    /// stopa → shelves → books: a three-pattern join on shared variables.
    @Test func joinsAcrossPatternsBySharedVariables() {
        var engine = DatalogEngine(state: state, width: 3)
        let (user, shelf, book) = (v(0, "?u"), v(1, "?s"), v(2, "?b"))
        let rows = engine.run(
            [
                p(.variable(shelf), attr("bookshelves", "books"), .variable(book)),
                p(.variable(user), attr("users", "bookshelves"), .variable(shelf)),
                p(.variable(user), attr("users", "handle"), .constant([.json("stopa")])),
            ], input: [engine.emptyRow()])
        #expect(rows.values(of: user).count == 1)
        #expect(rows.values(of: shelf).count > 1)
        #expect(rows.allSatisfy { engine.triples(of: $0).count == 3 })
        let titles = Set(rows.values(of: book).compactMap { b in
            state.triples(of: b.entityID!, attr: attr("books", "title")).first?.value.json.stringValue
        })
        #expect(titles.contains("How To Win Friends and Influence People"))
    }

    /// The planner starts from the constant, never from a scan, whatever the written order.
    @Test func plannerRunsSelectivePatternsFirst() {
        var engine = DatalogEngine(state: state, width: 3, recordsPlan: true)
        let (user, shelf, book) = (v(0, "?u"), v(1, "?s"), v(2, "?b"))
        _ = engine.run(
            [
                p(.variable(book), attr("books", "id"), .variable(book)),
                p(.variable(shelf), attr("bookshelves", "books"), .variable(book)),
                p(.variable(user), attr("users", "bookshelves"), .variable(shelf)),
                p(.variable(user), attr("users", "handle"), .constant([.json("stopa")])),
            ], input: [engine.emptyRow()])
        let order = engine.plan!.map { pattern -> EntityID in
            guard case .constant(let set) = pattern.attr else { return EntityID(high: 0, low: 0) }
            return set.ids.first!
        }
        #expect(order == [attr("users", "handle"), attr("users", "bookshelves"), attr("bookshelves", "books"), attr("books", "id")])
        // Topics narrow by what entered each pattern: the shelf link topic names stopa only.
        let linkTopic = engine.topics.first { $0.attrs == [attr("users", "bookshelves")] }!
        #expect(linkTopic.entities?.count == 1)
        #expect(engine.topics.first { $0.attrs == [attr("users", "handle")] }?.values == [.json("stopa")])
    }

    /// `or` branches only share the join symbol: a variable of one branch does not constrain another.
    @Test func orBranchesAreIsolated() {
        var engine = DatalogEngine(state: state, width: 3)
        let (user, x0, x1) = (v(0, "?u"), v(1, "?x-0"), v(2, "?x-1"))
        let rows = engine.run(
            [
                p(.variable(user), attr("users", "id"), .variable(user)),
                .or(
                    [
                        [p(.variable(user), attr("users", "handle"), .constant([.json("alex")])), p(.variable(user), attr("users", "email"), .variable(x0))],
                        [p(.variable(user), attr("users", "handle"), .constant([.json("joe")])), p(.variable(user), attr("users", "email"), .variable(x1))],
                    ], join: user),
            ], input: [engine.emptyRow()])
        #expect(rows.values(of: user).count == 2)
        #expect(rows.allSatisfy { ($0[x0] == nil) != ($0[x1] == nil) })
    }

    /// Child groups run once per join value and see only that value.
    @Test func nestedGroupsRunPerJoinValue() {
        var engine = DatalogEngine(state: state, width: 2)
        let (user, shelf) = (v(0, "?u"), v(1, "?s"))
        let group = DatalogGroup(
            clauses: [p(.variable(user), attr("users", "id"), .variable(user))],
            children: DatalogChildren(joinSymbol: user, groups: [DatalogGroup(clauses: [p(.variable(user), attr("users", "bookshelves"), .variable(shelf))])]))
        let result = engine.evaluate(group, input: [engine.emptyRow()])
        #expect(result.children.count == 4)
        let sizes = result.children.values.map { $0[0].rows.count }
        #expect(sizes.reduce(0, +) == state.store.count(of: catalog.existingSlot(for: attr("users", "bookshelves"))!))
    }

    /// Once no row is left, later patterns record no topic (nothing they read can matter).
    @Test func emptyRowsStopEvaluation() {
        var engine = DatalogEngine(state: state, width: 1, recordsPlan: true)
        let user = v(0, "?u")
        let rows = engine.run(
            [p(.variable(user), attr("users", "handle"), .constant([.json("nobody")])), p(.variable(user), attr("users", "email"), .any)],
            input: [engine.emptyRow()])
        #expect(rows.isEmpty)
        #expect(engine.plan!.count == 1)
        #expect(engine.topics.count == 1)
    }

    /// `$isNull` tests the entity: users that have a `fullName` value, all four in zeneca.
    @Test func nullTestOnTheIDAttr() {
        var engine = DatalogEngine(state: state, width: 1)
        let user = v(0, "?u")
        let fullName = catalog.forward("users", "fullName")!
        let test = NullTest(attr: fullName, isReverse: false, expectsNull: false)
        let rows = engine.run([p(.variable(user), attr("users", "id"), .function(.isNull(test)))], input: [engine.emptyRow()])
        #expect(rows.count == 4)
        #expect(engine.topics.contains { $0.attrs == [fullName.id] })
    }
}
