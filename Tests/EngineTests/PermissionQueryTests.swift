import Testing

@testable import Engine

/// View and field rules on queries (permissions §5, §10).
@Suite struct PermissionQueryTests {
    typealias IDs = PermissionIDs

    static let ownerRules: JSONValue = ["todos": ["allow": ["view": "auth.id != null && auth.id == data.ownerId"]]]

    /// `t1{ownerId: u1}` then, a second later, `t2{ownerId: u2}`.
    func ownerApp() throws -> PermissionApp {
        var app = try PermissionApp(rules: Self.ownerRules)
        try app.transact(
            [["update", "todos", JSONValue(IDs.t1), ["ownerId": JSONValue(IDs.u1), "title": "one"]]], as: nil)
        try app.transact(
            [["update", "todos", JSONValue(IDs.t2), ["ownerId": JSONValue(IDs.u2), "title": "two"]]], as: nil)
        return app
    }

    @Test func ownersSeeOnlyTheirRows() throws {
        let app = try ownerApp()
        #expect(try app.ids("todos", as: PermissionApp.user(IDs.u1)) == [IDs.t1.uuidString])
        #expect(try app.ids("todos", as: PermissionApp.user(IDs.u2)) == [IDs.t2.uuidString])
        #expect(try app.ids("todos", as: PermissionApp.guest) == [])
        #expect(try app.ids("todos", as: nil) == [IDs.t1.uuidString, IDs.t2.uuidString])
    }

    @Test func rulesFilterAfterPagination() throws {
        let app = try ownerApp()
        let query: JSONValue = ["todos": ["$": ["limit": 1, "order": ["serverCreatedAt": "desc"]]]]
        let result = try app.run(query, as: PermissionApp.user(IDs.u1))
        #expect(result.forms[0].entities.isEmpty)
        #expect(result.forms[0].pageInfo?.hasNextPage == true)
        #expect(result.forms[0].pageInfo?.startCursor == nil)
        let admin = try app.run(query, as: nil)
        #expect(admin.forms[0].entities.map(\.id) == [IDs.t2])
    }

    @Test func fieldRulesHideOnlyThatField() throws {
        var app = try ownerApp()
        try app.setRules(["todos": ["allow": ["view": "true"], "fields": ["ownerId": "auth.id == data.ownerId"]]])
        let tree = try app.tree(["todos": [:]], as: PermissionApp.user(IDs.u1))
        let rows = tree["todos"]?.arrayValue ?? []
        #expect(rows.count == 2)
        #expect(rows.first { $0["id"] == JSONValue(IDs.t1) }?["ownerId"] == JSONValue(IDs.u1))
        #expect(rows.first { $0["id"] == JSONValue(IDs.t2) }?["ownerId"] == nil)
        #expect(rows.first { $0["id"] == JSONValue(IDs.t2) }?["title"] == "two")
        // A where clause on the hidden field drops the entity (§5.1).
        let filtered = try app.ids(
            "todos", ["todos": ["$": ["where": ["ownerId": JSONValue(IDs.u2)]]]], as: PermissionApp.user(IDs.u1))
        #expect(filtered == [])
    }

    @Test func ruleParamsReachViewRules() throws {
        var app = try ownerApp()
        try app.setRules(["todos": ["allow": ["view": "data.title == ruleParams.title"]]])
        let query: JSONValue = ["todos": [:], "$$ruleParams": ["title": "two"]]
        #expect(try app.ids("todos", query, as: PermissionApp.guest) == [IDs.t2.uuidString])
    }

    @Test func whereThroughAnInvisibleUserDropsTheMatch() throws {
        let author = Attr.make("posts", "author", ref: ("$users", "posts"))
        var app = try PermissionApp(rules: [:], attrs: [author])
        try app.transact([["update", "$users", JSONValue(IDs.u1), ["email": "a@example.com"]]], as: nil)
        try app.transact(
            [
                ["update", "posts", JSONValue(IDs.p1), ["title": "hello"]],
                ["link", "posts", JSONValue(IDs.p1), ["author": JSONValue(IDs.u1)]],
            ],
            as: nil)
        let query: JSONValue = ["posts": ["$": ["where": ["author.email": "a@example.com"]]]]
        #expect(try app.ids("posts", query, as: PermissionApp.user(IDs.u1)) == [IDs.p1.uuidString])
        #expect(try app.ids("posts", query, as: PermissionApp.user(IDs.u2)) == [])
        #expect(try app.ids("posts", as: PermissionApp.user(IDs.u2)) == [IDs.p1.uuidString])
        // `$users` default: a user sees only their own row (§2.3).
        #expect(try app.ids("$users", as: PermissionApp.user(IDs.u1)) == [IDs.u1.uuidString])
        #expect(try app.ids("$users", as: PermissionApp.user(IDs.u2)) == [])
    }

    @Test func childrenAreFilteredToo() throws {
        let author = Attr.make("posts", "author", ref: ("$users", "posts"))
        var app = try PermissionApp(rules: ["posts": ["allow": ["view": "data.public == true"]]], attrs: [author])
        try app.transact([["update", "$users", JSONValue(IDs.u1), ["email": "a@example.com"]]], as: nil)
        try app.transact(
            [
                ["update", "posts", JSONValue(IDs.t1), ["public": true]],
                ["update", "posts", JSONValue(IDs.t2), ["public": false]],
                ["link", "posts", JSONValue(IDs.t1), ["author": JSONValue(IDs.u1)]],
                ["link", "posts", JSONValue(IDs.t2), ["author": JSONValue(IDs.u1)]],
            ], as: nil)
        let tree = try app.tree(["$users": ["posts": [:]]], as: PermissionApp.user(IDs.u1))
        let posts = tree["$users"]?.arrayValue?.first?["posts"]?.arrayValue ?? []
        #expect(posts.compactMap { $0["id"]?.stringValue } == [IDs.t1.uuidString])
    }

    @Test func unevaluableRulesFailTheWholeQuery() throws {
        var app = try ownerApp()
        try app.setRules(["todos": ["allow": ["view": "data.meta.color == 'red'"]]])
        do {
            _ = try app.run(["todos": [:]], as: PermissionApp.guest)
            Issue.record("expected an evaluation failure")
        } catch {
            #expect(error.kind == .permissionEvaluationFailed)
            #expect(
                error.message
                    == "Could not evaluate permission rule for `todos.view`. You may have a typo. Debug this in the sandbox and then update your permission rules."
            )
            #expect(error.hint["rule"] == ["todos", "view"])
        }
        // Admins bypass rules entirely.
        #expect(try app.ids("todos", as: nil).count == 2)
    }

    @Test func defaultFalseClosesEverythingButWhatIsOpened() throws {
        var app = try ownerApp()
        try app.transact([["update", "$users", JSONValue(IDs.u1), ["email": "a@example.com"]]], as: nil)
        try app.transact([["update", "notes", JSONValue(IDs.p1), ["text": "x"]]], as: nil)
        try app.setRules(["$default": ["allow": ["$default": "false"]], "todos": ["allow": ["view": "true"]]])
        let u1 = PermissionApp.user(IDs.u1)
        #expect(try app.ids("todos", as: u1).count == 2)
        #expect(try app.ids("notes", as: u1) == [])
        #expect(try app.ids("$users", as: u1) == [])
        let before = app.snapshot
        #expect(throws: InstantError.self) {
            try app.transact([["update", "todos", JSONValue(IDs.t1), ["title": "changed"]]], as: u1)
        }
        #expect(throws: InstantError.self) {
            try app.transact([["update", "todos", JSONValue(IDs.t1), ["brandNewField": 1]]], as: u1)
        }
        #expect(app.snapshot == before)
    }
}
