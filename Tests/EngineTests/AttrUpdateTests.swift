import Testing

@testable import Engine

/// update-attr, delete-attr and restore-attr (data-model §2.7).
struct AttrUpdateTests {
    let alice = EntityID.test(1)
    let bob = EntityID.test(2)
    let id = Attr.makeID("goals")
    let title = Attr.make("goals", "title")
    let owner = Attr.make("goals", "owner", ref: ("users", "goals"), onDelete: true)

    func makeApp() throws -> TestApp {
        var app = TestApp()
        try app.transact([.addAttr(id), .addAttr(title), .addAttr(owner)])
        try app.transact([.add(alice, id, JSONValue(alice)), .add(alice, title, "A"), .add(bob, id, JSONValue(bob))])
        return app
    }

    @Test func patchesOnlyTheGivenFlags() throws {
        var app = try makeApp()
        try app.transact([.updateAttr(["id": JSONValue(title.id), "index?": true])])
        var expected = title
        expected.isIndexed = true
        expected.inferredTypes = [.string]
        #expect(app.attr(title) == expected)
        // Becoming indexed backfills nulls for listed entities without a value (§1.4).
        #expect(app.value(bob, title) == .null)
    }

    @Test func renamesThroughForwardIdentity() throws {
        var app = try makeApp()
        let renamed: JSONValue = [JSONValue(title.forwardIdentity.id), "goals", "headline"]
        try app.transact([.updateAttr(["id": JSONValue(title.id), "forward-identity": renamed])])
        #expect(app.state.catalog.forward("goals", "headline")?.id == title.id)
        #expect(app.state.catalog.forward("goals", "title") == nil)
        #expect(app.value(alice, title) == "A")
    }

    @Test func cascadeFlagsAreAlwaysOverwritten() throws {
        var app = try makeApp()
        try app.transact([.updateAttr(["id": JSONValue(owner.id), "unique?": true])])
        #expect(app.attr(owner)?.onDeleteCascade == false)
        #expect(app.attr(owner)?.isUnique == true)
        try app.transact([.updateAttr(["id": JSONValue(owner.id), "on-delete-reverse": "cascade"])])
        #expect(app.attr(owner)?.onDeleteCascade == false)
        #expect(app.attr(owner)?.onDeleteReverseCascade == true)
    }

    @Test func requiredNeedsEveryEntityToHaveAValue() throws {
        var app = try makeApp()
        app.expectRejected(
            .validationFailed,
            "Validation failed for attributes: Can't update attribute `title` to required because `goals` already have entities without it",
            [.updateAttr(["id": JSONValue(title.id), "required?": true])])
        // The same transaction may supply the missing values: the check runs last.
        try app.transact([.updateAttr(["id": JSONValue(title.id), "required?": true]), .add(bob, title, "B")])
        #expect(app.attr(title)?.isRequired == true)
    }

    @Test func becomingUniqueFailsOnDuplicates() throws {
        var app = try makeApp()
        try app.transact([.add(bob, title, "A")])
        app.expectRejected(
            .recordNotUnique,
            #"`title` is a unique attribute on `goals` and an entity already exists with `goals.title` = "A""#,
            [.updateAttr(["id": JSONValue(title.id), "unique?": true])])
    }

    @Test func systemAndUnknownAttrsAreLeftAlone() throws {
        var app = try makeApp()
        let usersEmail = SystemCatalog.attrs[1]
        let report = try app.transact([
            .updateAttr(["id": JSONValue(usersEmail.id), "unique?": false]), .deleteAttr(usersEmail.id),
            .updateAttr(["id": JSONValue(EntityID.test(404)), "unique?": false]), .deleteAttr(EntityID.test(404)),
            .restoreAttr(EntityID.test(404)),
        ])
        #expect(report.attrChanges.isEmpty)
        #expect(app.state.catalog[usersEmail.id] == usersEmail)
    }

    @Test func deleteHidesTheAttrAndItsTriplesAndFreesTheName() throws {
        var app = try makeApp()
        let report = try app.transact([.deleteAttr(title.id)])
        #expect(report.attrChanges == [.deleted(title.id)])
        #expect(app.attr(title) == nil)
        #expect(app.state.catalog.deleted[title.id] != nil)
        #expect(app.value(alice, title) == nil)
        #expect(!app.state.triples(of: alice).contains { $0.attr == title.id })
        // Writing through the deleted attr fails like an unknown one.
        app.expectRejected(
            .sqlRaise, "Raised Exception: We could not find an attribute with id = '\(title.id)'",
            [.add(bob, title, "B")])
        // A new attr may take the name.
        try app.transact([.addAttr(.make("goals", "title"))])
    }

    @Test func restoreBringsTheAttrAndItsTriplesBack() throws {
        let rank = Attr.make("goals", "rank", indexed: true, required: false)
        var app = try makeApp()
        try app.transact([.addAttr(rank), .add(alice, rank, 1)])
        try app.transact([.deleteAttr(rank.id)])
        let report = try app.transact([.restoreAttr(rank.id)])
        var restored = rank
        restored.isIndexed = false
        restored.inferredTypes = [.number]
        #expect(report.attrChanges == [.upserted(restored)])
        #expect(app.attr(rank) == restored)
        #expect(app.value(alice, rank) == 1)
    }
}
