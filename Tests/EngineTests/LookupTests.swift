import Testing

@testable import Engine

/// Lookups in entity and value position (data-model §2.3, §7.2, §8.6).
struct LookupTests {
    let s = TestSchema()
    let alice = EntityID.test(1)
    let post = EntityID.test(10)

    func byHandle(_ handle: JSONValue) -> EntityRef { .lookup(attr: s.handle.id, value: handle) }

    @Test func entityLookupWritesToTheMatchingEntity() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.handle, "al")]))
        try app.transact([.addTriple(byHandle("al"), attr: s.name.id, value: "Alice", mode: nil)])
        #expect(app.value(alice, s.name) == "Alice")
    }

    /// The worked example of §11 "Lookup upsert".
    @Test func unmatchedEntityLookupCreatesTheEntity() throws {
        var app = try TestApp(s)
        let lookup: JSONValue = [JSONValue(s.handle.id), "nobody"]
        let report = try app.transact([
            .addTriple(byHandle("nobody"), attr: s.usersID.id, value: lookup, mode: nil),
            .addTriple(byHandle("nobody"), attr: s.email.id, value: "n@x", mode: nil),
        ])
        let created = try #require(app.state.entities(attr: s.handle.id, value: "nobody").first)
        #expect(created != alice)
        #expect(app.value(created, s.usersID) == JSONValue(created))
        #expect(app.value(created, s.email) == "n@x")
        #expect(app.value(created, s.handle) == "nobody")
        #expect(Set(report.added.map(\.entity)) == [created])
        #expect(report.added.count == 3)
    }

    @Test func unmatchedLookupWithoutIDStepLeavesNoIDTriple() throws {
        var app = try TestApp(s)
        try app.transact([.addTriple(byHandle("ghost"), attr: s.name.id, value: "G", mode: nil)])
        let created = try #require(app.state.entities(attr: s.handle.id, value: "ghost").first)
        #expect(app.value(created, s.name) == "G")
        #expect(app.value(created, s.usersID) == nil)
        #expect(app.value(created, s.email) == nil)
    }

    @Test func idAttrLookupCreatesTheEntityUnderThatID() throws {
        var app = try TestApp(s)
        try app.transact([
            .addTriple(.lookup(attr: s.usersID.id, value: JSONValue(alice)), attr: s.name.id, value: "A", mode: nil)
        ])
        #expect(app.value(alice, s.usersID) == JSONValue(alice))
        #expect(app.value(alice, s.name) == "A")
    }

    @Test func idAttrLookupNeedsAUUIDValue() throws {
        var app = try TestApp(s)
        let error = app.expectRejected(
            .validationFailed,
            "Validation failed for tx-steps: Invalid lookup '[#uuid \"\(s.usersID.id)\" \"bob\"]'. The lookup attribute is 'users.id', but the lookup value is not a valid UUID.",
            [
                .add(alice, s.name, "A"),
                .addTriple(.lookup(attr: s.usersID.id, value: "bob"), attr: s.name.id, value: "B", mode: nil),
            ])
        #expect(error?.hint["errors"]?.arrayValue?.first?["in"] == [1, 1])
        app.expectRejected(
            .validationFailed,
            "Validation failed for tx-steps: Invalid lookup '[#uuid \"\(s.usersID.id)\" 7]'. The lookup attribute is 'users.id', but the lookup value is not a valid UUID.",
            [.add(post, s.author, [JSONValue(s.usersID.id), 7])])
    }

    @Test func lookupAttrMustBeUnique() throws {
        var app = try TestApp(s)
        app.expectRejected(
            .sqlRaise, "Raised Exception: name is not a unique attribute on users",
            [.addTriple(.lookup(attr: s.name.id, value: "x"), attr: s.age.id, value: 1, mode: nil)])
    }

    @Test func valueLookupResolvesToTheEntityID() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.handle, "al")]))
        try app.transact(s.post(post, [(s.author, [JSONValue(s.handle.id), "al"])]))
        #expect(app.value(post, s.author) == JSONValue(alice))
    }

    @Test func valueLookupMustFindAnEntity() throws {
        var app = try TestApp(s)
        let error = app.expectRejected(
            .validationFailed, "Validation failed for lookup: The entity for the lookup does not exist.",
            s.post(post, [(s.author, [JSONValue(s.handle.id), "nobody"])]))
        #expect(
            error?.hint["input"]
                == [
                    "attribute-id": JSONValue(s.handle.id), "namespace": "users", "label": "handle", "value": "nobody",
                ])
        #expect(error?.hint["data-type"] == "lookup")
    }

    @Test func valueLookupSeesEntitiesCreatedEarlierInTheSameTransaction() throws {
        var app = try TestApp(s)
        try app.transact(
            s.user(alice, [(s.handle, "al")]) + s.post(post, [(s.author, [JSONValue(s.handle.id), "al"])]))
        #expect(app.value(post, s.author) == JSONValue(alice))
    }

    /// `tx.users[alice].link({posts: lookup("slug", "hello")})`: through the reverse
    /// label the target lookup is in entity position, so it is upserted (§8.6).
    @Test func reverseLinkWithLookupTargetCreatesIt() throws {
        let slug = Attr.make("posts", "slug", unique: true, indexed: true)
        var app = try TestApp(s)
        try app.transact([.addAttr(slug)] + s.user(alice))
        try app.transact([
            .addTriple(.lookup(attr: slug.id, value: "hello"), attr: s.author.id, value: JSONValue(alice), mode: nil)
        ])
        let created = try #require(app.state.entities(attr: slug.id, value: "hello").first)
        #expect(app.value(created, s.author) == JSONValue(alice))
        #expect(app.value(created, s.postsID) == nil)
    }

    @Test func updatingTheLookupAttrOfAMissingEntityFails() throws {
        var app = try TestApp(s)
        app.expectRejected(
            .validationFailed,
            "Validation failed for lookup: Updates with lookups can only update the lookup attribute if an entity with the unique attribute value already exists.",
            [.addTriple(byHandle("x"), attr: s.handle.id, value: "y", mode: nil)])
    }

    @Test func updatingTheLookupAttrOfAnExistingEntityRenamesIt() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.handle, "x")]))
        try app.transact([.addTriple(byHandle("x"), attr: s.handle.id, value: "y", mode: nil)])
        #expect(app.value(alice, s.handle) == "y")
    }

    @Test func parsedWireLookupsWork() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.handle, "al")]))
        try app.transact(
            json: #"[["add-triple",["\#(s.handle.id)","al"],"\#(s.name.id)","Al"],"#
                + #"["add-triple","\#(post)","\#(s.author.id)",["\#(s.handle.id)","al"]]]"#)
        #expect(app.value(alice, s.name) == "Al")
        #expect(app.value(post, s.author) == JSONValue(alice))
    }
}
