import Testing

@testable import Engine

/// System namespace guards (data-model §3.2, §8.4).
struct SystemGuardTests {
    let user = EntityID.test(1)
    let file = EntityID.test(2)

    static func system(_ name: String) -> Attr {
        SystemCatalog.attrs.first { $0.qualifiedName == name }!
    }

    let usersID = system("$users.id")
    let usersEmail = system("$users.email")
    let filesPath = system("$files.path")
    let filesSize = system("$files.size")
    let streamsDone = system("$streams.done")
    let magicEmail = system("$magicCodes.email")

    func appWithUser() throws -> TestApp {
        var app = TestApp()
        try app.transact([.add(user, usersID, JSONValue(user)), .add(user, usersEmail, "u@x.io")])
        return app
    }

    @Test func nonAdminsCannotDeleteSystemEntities() throws {
        var app = try appWithUser()
        app.expectRejected(
            .validationFailed,
            "Validation failed for tx-step: $users is a system entity. You aren't allowed to delete this directly.",
            admin: false, [.delete(user, "$users")])
        try app.transact([.delete(user, "$users")])
        #expect(app.state.allTriples().isEmpty)
    }

    @Test func anyoneMayDeleteFiles() throws {
        var app = TestApp()
        try app.transact([.delete(file, "$files")], admin: false)
    }

    @Test func guardedSystemColumns() throws {
        var app = try appWithUser()
        app.expectRejected(
            .validationFailed,
            "Validation failed for tx-step: $users.email is a system column. You aren't allowed to change this directly.",
            admin: false, [.add(user, usersEmail, "new@x.io")])
        // Admins may change other system namespaces, except $files and $streams.
        try app.transact([.add(user, usersEmail, "new@x.io")])
        try app.transact([.add(file, magicEmail, "m@x.io")])
        app.expectRejected(
            .validationFailed,
            "Validation failed for tx-step: $files.size is a system column. You aren't allowed to change this directly.",
            [.add(file, filesSize, 5)])
        app.expectRejected(
            .validationFailed,
            "Validation failed for tx-step: $streams.done is a system column. You aren't allowed to change this directly.",
            [.retract(file, streamsDone, true)])
    }

    @Test func writableSystemColumns() throws {
        var app = try appWithUser()
        try app.transact([.add(user, usersID, JSONValue(user))], admin: false)
        app.expectRejected(
            .validationFailed, "Validation failed for tx-step: The path for stream files can't be edited.",
            [.add(file, filesPath, "$stream/abc")])
    }

    @Test func nonAdminsCannotCreateUsers() throws {
        var app = try appWithUser()
        let other = EntityID.test(3)
        app.expectRejected(
            .validationFailed,
            "Validation failed for tx-step: $users is a system entity. You aren't allowed to create this directly.",
            admin: false, [.add(other, usersID, JSONValue(other))])
        // Merges and unmatched lookups would create one too.
        let nickname = Attr.make("$users", "nickname")
        try app.transact([.addAttr(nickname)])
        app.expectRejected(
            .validationFailed,
            "Validation failed for tx-step: $users is a system entity. You aren't allowed to create this directly.",
            admin: false, [.merge(other, nickname, ["a": 1])])
        app.expectRejected(
            .validationFailed,
            "Validation failed for tx-step: $users is a system entity. You aren't allowed to create this directly.",
            admin: false,
            [.addTriple(.lookup(attr: usersEmail.id, value: "new@x.io"), attr: nickname.id, value: "n", mode: nil)])
        // A lookup that finds the existing user is an update.
        try app.transact(
            [.addTriple(.lookup(attr: usersEmail.id, value: "u@x.io"), attr: nickname.id, value: "n", mode: nil)],
            admin: false)
        #expect(app.value(user, nickname) == "n")
    }

    @Test func appDefinedAttrsOnSystemEtypesAreOrdinary() throws {
        let nickname = Attr.make("$users", "nickname")
        var app = try appWithUser()
        try app.transact([.addAttr(nickname)])
        try app.transact([.add(user, nickname, "nick")], admin: false)
        #expect(app.value(user, nickname) == "nick")
    }

    @Test func nonAdminLookupsMustMatchTheAttrsNamespace() throws {
        let s = TestSchema()
        var app = try TestApp(s)
        app.expectRejected(
            .validationFailed,
            "Validation failed for tx-step: Invalid transaction. The namespace in the lookup attribute is different from the namespace of the attribute that is being set",
            admin: false, [.addTriple(.lookup(attr: s.handle.id, value: "h"), attr: s.title.id, value: "T", mode: nil)])
        let unknown = EntityID.test(77)
        app.expectRejected(
            .validationFailed,
            "Validation failed for lookup: Invalid lookup. Could not determine namespace from lookup attribute.",
            admin: false, [.addTriple(.lookup(attr: unknown, value: "h"), attr: s.title.id, value: "T", mode: nil)])
        // Value-position lookups must name an attr of the link's target namespace.
        let post = EntityID.test(10)
        app.expectRejected(
            .validationFailed,
            "Validation failed for tx-step: Invalid transaction. The namespace in the lookup attribute is different from the namespace of the attribute that is being set",
            admin: false, [.add(post, s.author, [JSONValue(s.label.id), "tag"])])
        app.expectRejected(
            .validationFailed,
            "Validation failed for lookup: Invalid lookup. Could not determine namespace from lookup attribute.",
            admin: false, [.add(post, s.author, [JSONValue(unknown), "x"])])
        // Same-namespace lookups are fine.
        try app.transact(
            [.addTriple(.lookup(attr: s.handle.id, value: "h"), attr: s.name.id, value: "N", mode: nil)], admin: false)
        try app.transact([.add(post, s.author, [JSONValue(s.handle.id), "h"])], admin: false)
        #expect(app.value(post, s.author) == app.state.entities(attr: s.handle.id, value: "h").first.map(JSONValue.init))
    }
}
