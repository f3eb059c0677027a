import Testing

@testable import Engine

/// add-attr, update-attr, delete-attr and restore-attr (data-model §2.7).
struct AttrStepTests {
    let alice = EntityID.test(1)
    let bob = EntityID.test(2)

    @Test func addAttrStoresTheAttrUnderItsIDs() throws {
        let title = Attr.make("goals", "title")
        var app = TestApp()
        let report = try app.transact(json: """
            [["add-attr",{"id":"\(title.id)","forward-identity":["\(title.forwardIdentity.id)","goals","title"],
              "value-type":"blob","cardinality":"one","unique?":false,"index?":false,"isUnsynced":true}]]
            """)
        #expect(app.attr(title) == title)
        #expect(app.attr(title)?.json["required?"] == false)
        #expect(app.attr(title)?.json["catalog"] == "user")
        #expect(app.attr(title)?.json["inferred-types"] == .null)
        #expect(report.attrChanges == [.upserted(title)])
    }

    @Test func attrsAddedInATransactionAreUsableAnywhereInIt() throws {
        let handle = Attr.make("users", "handle", unique: true)
        var app = TestApp()
        try app.transact([
            .addTriple(.lookup(attr: handle.id, value: "h"), attr: handle.id, value: "h", mode: nil), .addAttr(handle),
        ])
        #expect(app.state.entities(attr: handle.id, value: "h").count == 1)
    }

    @Test func resendingAnIdenticalAttrIsANoOp() throws {
        let title = Attr.make("goals", "title")
        var app = TestApp()
        try app.transact([.addAttr(title), .add(alice, title, "x")])
        let report = try app.transact([.addAttr(title)])
        #expect(report.attrChanges.isEmpty)
        // Inferred types are server-maintained: a resend does not reset them.
        #expect(app.attr(title)?.inferredTypes == [.string])
    }

    @Test func theSameIDWithOtherPropertiesConflicts() throws {
        let title = Attr.make("goals", "title")
        var changed = title
        changed.isIndexed = true
        var app = TestApp()
        try app.transact([.addAttr(title)])
        app.expectRejected(
            .sqlRaise,
            "Raised Exception: The attribute with id \(title.id) conflicts with an existing attribute with id \(title.id).",
            [.addAttr(changed)])
    }

    @Test func aTakenNameWithAnotherIdentIDIsNotUnique() throws {
        let first = Attr.make("goals", "title")
        let second = Attr.make("goals", "title")
        var app = TestApp()
        try app.transact([.addAttr(first)])
        let error = app.expectRejected(.recordNotUnique, "`title` already exists on `goals`", [.addAttr(second)])
        #expect(error?.hint == ["record-type": "ident", "etype": "goals", "label": "title"])
        // Reverse names are names too.
        let link = Attr.make("goals", "owner", ref: ("users", "goals"))
        let clash = Attr.make("users", "goals")
        try app.transact([.addAttr(link)])
        app.expectRejected(.recordNotUnique, "`goals` already exists on `users`", [.addAttr(clash)])
    }

    @Test func anIdentIDReusedForAnotherNameIsASQLRaise() throws {
        let first = Attr.make("goals", "title")
        var second = Attr.make("goals", "name")
        second.forwardIdentity.id = first.forwardIdentity.id
        var app = TestApp()
        try app.transact([.addAttr(first)])
        app.expectRejected(
            .sqlRaise, "Raised Exception: Another attribute for goals.name exists with different properties.",
            [.addAttr(second)])
    }

    @Test(arguments: [("$users", "email"), ("$files", "path"), ("$users", "linkedGuestUsers")])
    func systemNamesAreTaken(_ etype: String, _ label: String) throws {
        var app = TestApp()
        app.expectRejected(
            .validationFailed,
            "Validation failed for attributes: \(etype).\(label) is a system column and it already exists.",
            [.addAttr(.make(etype, label))])
    }

    @Test func dollarEtypesAreReserved() throws {
        var app = TestApp()
        app.expectRejected(
            .validationFailed, "Validation failed for attributes: $ is reserved for system tables. You can't create $things",
            [.addAttr(.make("$things", "name"))])
        app.expectRejected(
            .validationFailed, "Validation failed for attributes: $ is reserved for system tables. You can't create $pets",
            [.addAttr(.make("owners", "pets", ref: ("$pets", "owner")))])
        // Extending $users/$files/$streams, and linking to them, is allowed.
        try app.transact([
            .addAttr(.make("$users", "nickname")), .addAttr(.make("posts", "author", ref: ("$users", "posts"))),
        ])
    }

    @Test func requiredAttrsCannotBeCreatedOnPopulatedEtypes() throws {
        let title = Attr.make("goals", "title")
        var app = TestApp()
        try app.transact([.addAttr(title), .add(alice, title, "x")])
        app.expectRejected(
            .validationFailed,
            "Validation failed for attributes: Can't create attribute `due` as required because `goals` already have entities",
            [.addAttr(.make("goals", "due", required: true))])
        try app.transact([.addAttr(.make("fresh", "due", required: true))])
    }

    @Test func requiredSystemAttrsCannotBeCreated() throws {
        var app = TestApp()
        app.expectRejected(
            .validationFailed,
            "You can't create a required system attribute. Make sure it's optional. Check out the docs to learn more: https://www.instantdb.com/docs/modeling-data#required-constraints",
            [.addAttr(.make("$users", "nickname", required: true))])
    }

    @Test func addingAnIndexedBlobAttrBackfillsNulls() throws {
        let id = Attr.makeID("goals")
        let rank = Attr.make("goals", "rank", indexed: true)
        var app = TestApp()
        try app.transact([.addAttr(id), .add(alice, id, JSONValue(alice)), .add(bob, id, JSONValue(bob))])
        let now = app.clock
        let report = try app.transact([.addAttr(rank)])
        #expect(app.value(alice, rank) == .null)
        #expect(app.value(bob, rank) == .null)
        #expect(report.added.count == 2)
        #expect(report.added.allSatisfy { $0.createdAt == now })
    }
}
