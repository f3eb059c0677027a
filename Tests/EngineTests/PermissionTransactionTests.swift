import Testing

@testable import Engine

/// Create, update, delete, link, unlink and attr checks (permissions §6, §8.1, §10).
@Suite struct PermissionTransactionTests {
    typealias IDs = PermissionIDs
    static let author = Attr.make("posts", "author", ref: ("$users", "posts"))

    static let postRules: JSONValue = [
        "posts": [
            "allow": ["create": "auth.id in data.ref('author.id')", "update": "auth.id in data.ref('author.id')"]
        ]
    ]

    func postsApp() throws -> PermissionApp {
        var app = try PermissionApp(rules: Self.postRules, attrs: [Self.author])
        try app.transact([["update", "$users", JSONValue(IDs.u1), ["email": "one@example.com"]]], as: nil)
        try app.transact([["update", "$users", JSONValue(IDs.u2), ["email": "two@example.com"]]], as: nil)
        return app
    }

    /// Runs steps that must be denied with the exact upstream error, and checks nothing changed.
    func expectDenied(
        _ app: inout PermissionApp, _ steps: JSONValue, as viewer: RuleViewer, input: JSONValue,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let before = app.snapshot
        let lastTx = app.state.lastTxID
        do {
            try app.transact(steps, as: viewer)
            Issue.record("expected permission-denied", sourceLocation: sourceLocation)
        } catch {
            #expect(error.kind == .permissionDenied, sourceLocation: sourceLocation)
            #expect(error.message == "Permission denied: not perms-pass?", sourceLocation: sourceLocation)
            #expect(error.hint == ["input": input, "expected": "perms-pass?"], sourceLocation: sourceLocation)
        }
        #expect(app.snapshot == before, "a denied write changed the data", sourceLocation: sourceLocation)
        #expect(app.state.lastTxID == lastTx, sourceLocation: sourceLocation)
    }

    @Test func createCheckSeesLinksMadeInTheSameTransaction() throws {
        var app = try postsApp()
        let steps: JSONValue = [
            ["update", "posts", JSONValue(IDs.p1), ["title": "hi"]],
            ["link", "posts", JSONValue(IDs.p1), ["author": JSONValue(IDs.u1)]],
        ]
        try app.transact(steps, as: PermissionApp.user(IDs.u1))
        #expect(try app.ids("posts", as: nil) == [IDs.p1.uuidString])
    }

    @Test func createForSomeoneElseIsDenied() throws {
        var app = try postsApp()
        let steps: JSONValue = [
            ["update", "posts", JSONValue(IDs.p1), ["title": "hi"]],
            ["link", "posts", JSONValue(IDs.p1), ["author": JSONValue(IDs.u1)]],
        ]
        // u2 may not view u1's `$users` row (the link's view check, pre) nor pass the create rule.
        expectDenied(&app, steps, as: PermissionApp.user(IDs.u2), input: ["$users", "object"])
        expectDenied(&app, steps, as: PermissionApp.guest, input: ["$users", "object"])
    }

    @Test func updateCheckSeesTheOldLinks() throws {
        var app = try postsApp()
        try app.transact(
            [
                ["update", "posts", JSONValue(IDs.p1), ["title": "hi"]],
                ["link", "posts", JSONValue(IDs.p1), ["author": JSONValue(IDs.u2)]],
            ],
            as: nil)
        let steps: JSONValue = [
            ["update", "posts", JSONValue(IDs.p1), ["title": "mine now"]],
            ["link", "posts", JSONValue(IDs.p1), ["author": JSONValue(IDs.u1)]],
        ]
        expectDenied(&app, steps, as: PermissionApp.user(IDs.u1), input: ["posts", "object"])
        try app.transact([["update", "posts", JSONValue(IDs.p1), ["title": "edited"]]], as: PermissionApp.user(IDs.u2))
        #expect(try app.tree(["posts": [:]], as: nil)["posts"]?.arrayValue?.first?["title"] == "edited")
    }

    @Test func updateRulesSeeDataAndNewData() throws {
        var app = try PermissionApp(rules: [
            "todos": ["allow": ["update": "auth.id == data.ownerId && newData.ownerId == data.ownerId"]]
        ])
        try app.transact([["update", "todos", JSONValue(IDs.t1), ["ownerId": JSONValue(IDs.u1), "n": 1]]], as: nil)
        let u1 = PermissionApp.user(IDs.u1)
        try app.transact([["update", "todos", JSONValue(IDs.t1), ["n": 2]]], as: u1)
        expectDenied(
            &app, [["update", "todos", JSONValue(IDs.t1), ["ownerId": JSONValue(IDs.u2)]]], as: u1,
            input: ["todos", "object"])
        expectDenied(
            &app, [["update", "todos", JSONValue(IDs.t1), ["n": 3]]], as: PermissionApp.user(IDs.u2),
            input: ["todos", "object"])
    }

    @Test func deleteRulesRunEvenForMissingEntities() throws {
        var app = try PermissionApp(rules: ["todos": ["allow": ["delete": "false"]]])
        try app.transact([["update", "todos", JSONValue(IDs.t1), ["n": 1]]], as: nil)
        expectDenied(
            &app, [["delete", "todos", JSONValue(IDs.t1), [:]]], as: PermissionApp.guest, input: ["todos", "object"])
        try app.transact([["delete", "todos", JSONValue(IDs.t1), [:]]], as: nil)
        #expect(try app.ids("todos", as: nil) == [])
    }

    @Test func modifiedFieldsGuardAColumn() throws {
        var app = try PermissionApp(rules: ["todos": ["allow": ["update": "!('locked' in request.modifiedFields)"]]])
        try app.transact([["update", "todos", JSONValue(IDs.t1), ["n": 1, "locked": true]]], as: nil)
        try app.transact([["update", "todos", JSONValue(IDs.t1), ["n": 2]]], as: PermissionApp.guest)
        expectDenied(
            &app, [["update", "todos", JSONValue(IDs.t1), ["locked": false]]], as: PermissionApp.guest,
            input: ["todos", "object"])
    }

    @Test func linkAndUnlinkRules() throws {
        var app = try PermissionApp(
            rules: [
                "posts": [
                    "allow": [
                        "link": ["author": "auth.id == linkedData.id"],
                        "unlink": ["$default": "auth.id == linkedData.id"],
                    ]
                ]
            ], attrs: [Self.author])
        try app.transact([["update", "$users", JSONValue(IDs.u1), ["email": "one@example.com"]]], as: nil)
        try app.transact([["update", "posts", JSONValue(IDs.p1), ["title": "hi"]]], as: nil)
        let link: JSONValue = [["link", "posts", JSONValue(IDs.p1), ["author": JSONValue(IDs.u1)]]]
        expectDenied(&app, link, as: PermissionApp.user(IDs.u2), input: ["posts", "object"])
        try app.transact(link, as: PermissionApp.user(IDs.u1))
        let unlink: JSONValue = [["unlink", "posts", JSONValue(IDs.p1), ["author": JSONValue(IDs.u1)]]]
        expectDenied(&app, unlink, as: PermissionApp.user(IDs.u2), input: ["posts", "object"])
        try app.transact(unlink, as: PermissionApp.user(IDs.u1))
    }

    @Test func attrCreationCanBeForbidden() throws {
        var app = try PermissionApp(rules: ["attrs": ["allow": ["create": "false"]]])
        try app.transact([["update", "todos", JSONValue(IDs.t1), ["n": 1]]], as: nil)
        try app.transact([["update", "todos", JSONValue(IDs.t1), ["n": 2]]], as: PermissionApp.guest)
        expectDenied(
            &app, [["update", "todos", JSONValue(IDs.t1), ["fresh": 1]]], as: PermissionApp.guest,
            input: ["attrs", "attr"])
    }

    @Test func evaluationErrorsFailTheTransaction() throws {
        var app = try PermissionApp(rules: ["todos": ["allow": ["update": "data.meta.color == 'red'"]]])
        try app.transact([["update", "todos", JSONValue(IDs.t1), ["n": 1]]], as: nil)
        let before = app.snapshot
        #expect {
            try app.transact(
                [["update", "todos", JSONValue(IDs.t1), ["n": 2]]], as: RuleViewer(user: nil, showsDetails: true))
        } throws: { error in
            guard let error = error as? InstantError else { return false }
            return error.kind == .permissionEvaluationFailed && error.message.contains("evaluation error")
        }
        #expect(app.snapshot == before)
    }

    @Test func dryRunsRecordEveryCheckInsteadOfThrowing() throws {
        var app = try PermissionApp(rules: ["todos": ["allow": ["update": "auth.id == data.ownerId"]]])
        try app.transact([["update", "todos", JSONValue(IDs.t1), ["ownerId": JSONValue(IDs.u1)]]], as: nil)
        let steps = try AdminSteps.expand(
            [["update", "todos", JSONValue(IDs.t1), ["title": "x"]]], catalog: app.state.catalog)
        let report = try app.transactSteps(steps, as: PermissionApp.user(IDs.u2), recording: true)
        let update = try #require(report.checkResults.first { $0["action"] == "update" })
        #expect(update["check-pass?"] == false)
        #expect(update["etype"] == "todos")
        #expect(update["program"]?["code"] == "auth.id == data.ownerId")
        #expect(update["bindings"]?["modified-fields"] == ["title"])
    }
}
