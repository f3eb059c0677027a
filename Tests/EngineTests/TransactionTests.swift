import Testing

@testable import Engine

/// add-triple, retract-triple, timestamps, tx ids and the report (data-model §1, §8.6, §8.8, §9).
struct TransactionTests {
    let s = TestSchema()
    let alice = EntityID.test(1)
    let bob = EntityID.test(2)
    let post = EntityID.test(10)

    @Test func addTripleStoresTheIDTripleAndValues() throws {
        var app = try TestApp(s)
        let now = app.clock
        let report = try app.transact(s.user(alice, [(s.name, "Alice"), (s.age, 30)]))
        #expect(app.value(alice, s.usersID) == JSONValue(alice))
        #expect(app.value(alice, s.name) == "Alice")
        #expect(app.value(alice, s.age) == 30)
        #expect(report.createdAt == now)
        #expect(report.retracted.isEmpty)
        // id, name, age, plus null triples for the indexed email and handle (§1.4).
        #expect(report.added.count == 5)
        #expect(report.added.allSatisfy { $0.createdAt == now && $0.entity == alice })
        #expect(report.attrs[s.name.id] == app.attr(s.name))
        #expect(report.attrChanges.isEmpty)
    }

    @Test func indexedBlobAttrsGetNullTriplesWhenTheIDTripleIsWritten() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.email, "a@x.io")]))
        #expect(app.value(alice, s.email) == "a@x.io")
        #expect(app.value(alice, s.handle) == .null)
        #expect(app.createdAt(alice, s.handle) == app.createdAt(alice, s.usersID))
        // Not for non-indexed attrs, refs, or writes without an id triple.
        #expect(app.value(alice, s.name) == nil)
        try app.transact([.add(bob, s.name, "Bob")])
        #expect(app.value(bob, s.handle) == nil)
        // Rewriting the id triple of an entity that lacks the value fills it too.
        try app.transact([.retract(alice, s.handle, .null)])
        #expect(app.value(alice, s.handle) == nil)
        try app.transact(s.user(alice))
        #expect(app.value(alice, s.handle) == .null)
    }

    @Test func nullIsStoredAsAValue() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.name, "A")]))
        try app.transact(s.user(alice, [(s.name, nil)]))
        #expect(app.value(alice, s.name) == .null)
    }

    @Test func cardinalityOneReplacesAndKeepsTheOriginalTimestamp() throws {
        var app = try TestApp(s)
        let created = app.clock
        try app.transact(s.user(alice, [(s.name, "A")]))
        let report = try app.transact(s.user(alice, [(s.name, "B")]))
        #expect(app.values(alice, s.name) == ["B"])
        #expect(app.createdAt(alice, s.name) == created)
        #expect(app.createdAt(alice, s.usersID) == created)
        #expect(
            report.changes == [
                TripleChange(
                    kind: .retracted, triple: Triple(entity: alice, attr: s.name.id, value: .json("A"), createdAt: created)),
                TripleChange(
                    kind: .added, triple: Triple(entity: alice, attr: s.name.id, value: .json("B"), createdAt: created)),
            ])
    }

    @Test func writingTheSameValueAgainChangesNothing() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.name, "A")]))
        let report = try app.transact(s.user(alice, [(s.name, "A")]))
        #expect(report.changes.isEmpty)
    }

    @Test func lastWriteWinsWithinOneTransaction() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.name, "A"), (s.name, "B"), (s.name, "C")]))
        #expect(app.values(alice, s.name) == ["C"])
    }

    @Test func cardinalityManyAddsAndCollapsesDuplicates() throws {
        var app = try TestApp(s)
        let (t1, t2) = (EntityID.test(31), EntityID.test(32))
        try app.transact(
            s.post(post) + [.add(post, s.postTags, JSONValue(t1)), .add(post, s.postTags, JSONValue(t1))])
        try app.transact([.add(post, s.postTags, JSONValue(t2)), .add(post, s.postTags, JSONValue(t1))])
        #expect(app.values(post, s.postTags) == [JSONValue(t1), JSONValue(t2)].sorted { $0.jsonString < $1.jsonString })
    }

    @Test func allTriplesOfATransactionShareItsTimestamp() throws {
        var app = try TestApp(s)
        let now = app.clock
        let report = try app.transact(
            s.user(alice, [(s.name, "A")]) + s.user(bob, [(s.name, "B")]) + s.post(post, [(s.author, JSONValue(alice))]))
        #expect(report.added.count == 11)
        #expect(Set(report.added.map(\.createdAt)) == [now])
    }

    @Test func aTripleDeletedAndInsertedAgainGetsANewTimestamp() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.name, "A")]))
        try app.transact([.retract(alice, s.name, "A")])
        let later = app.clock
        try app.transact([.add(alice, s.name, "A")])
        #expect(app.createdAt(alice, s.name) == later)
    }

    @Test func txIDsIncreaseAndRejectedTransactionsDoNotUseOne() throws {
        var app = try TestApp(s)
        var ids = [app.state.lastTxID]
        for n in 0..<4 {
            ids.append(try app.transact(s.user(EntityID.test(UInt64(100 + n)))).txID)
            app.expectRejected(
                .validationFailed, "Linked value must be a valid uuid.", [.add(post, s.author, "nope")])
        }
        #expect(ids == [1, 2, 3, 4, 5])
        #expect(app.state.lastTxID == 5)
    }

    @Test func retractRemovesExactlyThatTriple() throws {
        var app = try TestApp(s)
        let (t1, t2) = (EntityID.test(31), EntityID.test(32))
        try app.transact(s.post(post) + [.add(post, s.postTags, JSONValue(t1)), .add(post, s.postTags, JSONValue(t2))])
        let report = try app.transact([.retract(post, s.postTags, JSONValue(t1))])
        #expect(app.values(post, s.postTags) == [JSONValue(t2)])
        #expect(report.retracted.map(\.value) == [.id(t1)])
        #expect(report.added.isEmpty)
    }

    @Test func retractOfAnAbsentValueIsANoOp() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.name, "A")]))
        let report = try app.transact([.retract(alice, s.name, "other"), .retract(bob, s.name, "A")])
        #expect(report.changes.isEmpty)
        #expect(app.value(alice, s.name) == "A")
    }

    @Test func retractMatchesJSONEqualValues() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.age, 1)]))
        try app.transact([.retract(alice, s.age, 1.0)])
        #expect(app.value(alice, s.age) == nil)
    }

    @Test func retractNeverCreatesNullTriples() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.email, "a@x.io")]))
        try app.transact([.retract(alice, s.email, "a@x.io")])
        #expect(app.value(alice, s.email) == nil)
    }

    @Test func retractThroughLookupsThatMatchNothingIsANoOp() throws {
        var app = try TestApp(s)
        try app.transact(s.post(post, [(s.author, JSONValue(alice))]))
        let report = try app.transact([
            .retractTriple(.lookup(attr: s.handle.id, value: "nobody"), attr: s.name.id, value: "A"),
            .retractTriple(.id(post), attr: s.author.id, value: [JSONValue(s.handle.id), "nobody"]),
        ])
        #expect(report.changes.isEmpty)
        #expect(app.value(post, s.author) == JSONValue(alice))
    }

    @Test func inferredTypesGrowWithWrites() throws {
        var app = try TestApp(s)
        #expect(app.attr(s.name)?.inferredTypes == nil)
        try app.transact(s.user(alice, [(s.name, nil)]))
        #expect(app.attr(s.name)?.inferredTypes == nil)
        try app.transact(s.user(alice, [(s.name, "A")]))
        try app.transact(s.user(bob, [(s.name, 5)]))
        try app.transact(s.user(bob, [(s.name, ["x": true])]))
        #expect(app.attr(s.name)?.inferredTypes == [.string, .number, .json])
        #expect(app.attr(s.name)?.json["inferred-types"] == ["number", "string", "json"])
        // System attrs never record inferred types.
        try app.transact([.add(alice, SystemCatalog.attrs[0], JSONValue(alice))])
        #expect(app.state.catalog[SystemCatalog.attrs[0].id]?.inferredTypes == nil)
    }

    @Test func unknownAttrIsASQLRaise() throws {
        var app = try TestApp(s)
        let missing = EntityID.test(999)
        app.expectRejected(
            .sqlRaise, "Raised Exception: We could not find an attribute with id = '\(missing)'",
            [.addTriple(.id(alice), attr: missing, value: 1, mode: nil)])
    }

    @Test func reportListsAttrsOfChangedTriplesAndAttrChanges() throws {
        var app = TestApp()
        let nick = Attr.make("users", "nick")
        let report = try app.transact([.addAttr(nick), .add(alice, nick, "al")])
        var stored = nick
        stored.inferredTypes = [.string]
        #expect(report.attrChanges == [.upserted(nick)])
        #expect(report.attrs == [nick.id: stored])
        #expect(report.added == [Triple(entity: alice, attr: nick.id, value: .json("al"), createdAt: report.createdAt)])
    }
}
