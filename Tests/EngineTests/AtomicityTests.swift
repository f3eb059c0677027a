import Testing

@testable import Engine

/// A rejected transaction leaves no trace (data-model §8: all-or-nothing).
struct AtomicityTests {
    let s = TestSchema()
    let alice = EntityID.test(1)
    let bob = EntityID.test(2)
    let post = EntityID.test(10)

    /// Every kind of change, then a failure in the very last check (required attrs).
    @Test func aFailureAfterEveryKindOfChangeRollsAllBack() throws {
        var app = try TestApp(s)
        try app.transact(
            s.user(alice, [(s.name, "A"), (s.email, "a@x.io"), (s.settings, ["k": 1])])
                + s.post(post, [(s.author, JSONValue(alice)), (s.title, "T")]))
        let freshID = Attr.makeID("fresh")
        let required = Attr.make("fresh", "needed", required: true)
        let indexed = Attr.make("posts", "rank", indexed: true)
        let before = app.snapshot
        let error = app.expectRejected(
            .validationFailed, "Missing required attribute `fresh/needed`: \(bob)",
            [
                .addAttr(freshID), .addAttr(required), .addAttr(indexed), .updateAttr(["id": JSONValue(s.name.id), "index?": true]),
                .deleteAttr(s.age.id), .add(alice, s.name, 42), .add(bob, s.name, true),
                .merge(alice, s.settings, ["k": nil, "j": [1]]), .retract(post, s.title, "T"),
                .delete(alice, "users"), .add(bob, freshID, "x"), .add(bob, required, nil),
            ])
        #expect(error != nil)
        #expect(app.snapshot == before)
        #expect(app.attr(s.name)?.inferredTypes == [.string])
        #expect(app.attr(s.name)?.isIndexed == false)
        #expect(app.state.catalog.forward("fresh", "needed") == nil)
        #expect(app.state.catalog.forward("posts", "rank") == nil)
        #expect(app.attr(s.age) != nil)
        // The app keeps working normally afterwards.
        let report = try app.transact(s.user(bob, [(s.name, "B")]))
        #expect(report.txID == before.lastTxID + 1)
        #expect(app.value(bob, s.name) == "B")
        #expect(app.value(alice, s.name) == "A")
    }

    @Test func aFailingAddTripleAfterSuccessfulOnesRollsThemBack() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.email, "a@x.io")]))
        app.expectRejected(
            .recordNotUnique,
            #"`email` is a unique attribute on `users` and an entity already exists with `users.email` = "a@x.io""#,
            s.user(bob, [(s.name, "B")]) + s.post(post, [(s.author, JSONValue(bob))]) + [.add(bob, s.email, "a@x.io")])
        #expect(app.state.triples(of: bob).isEmpty)
        #expect(app.state.triples(of: post).isEmpty)
    }

    @Test func aFailingLookupUpsertRollsBackTheCreatedEntity() throws {
        var app = try TestApp(s)
        app.expectRejected(
            .validationFailed, "Linked value must be a valid uuid.",
            [
                .addTriple(.lookup(attr: s.handle.id, value: "new"), attr: s.name.id, value: "N", mode: nil),
                .add(post, s.author, "oops"),
            ])
        #expect(app.state.entities(attr: s.handle.id, value: "new").isEmpty)
    }
}
