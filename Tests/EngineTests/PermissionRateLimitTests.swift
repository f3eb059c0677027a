import Testing

@testable import Engine

/// `$rateLimits` and `rateLimit.<name>.limit(key)` enforced in memory (permissions §3.7,
/// §8.4, §11 item 7).
@Suite struct PermissionRateLimitTests {
    typealias IDs = PermissionIDs

    static func rules(_ limits: JSONValue, create: String = "rateLimit.createTodos.limit(auth.id)") -> JSONValue {
        ["$rateLimits": ["createTodos": ["limits": limits]], "todos": ["allow": ["create": .string(create)]]]
    }

    static func create(_ app: inout PermissionApp, as user: EntityID, title: String = "t") throws(InstantError) {
        try app.transact(
            [["update", "todos", JSONValue(EntityID.random()), ["title": .string(title)]]], as: PermissionApp.user(user))
    }

    static func expectRateLimited(
        _ app: inout PermissionApp, as user: EntityID, title: String = "t", retryAfter: ClosedRange<Int64>? = nil
    ) {
        let before = app.snapshot
        do {
            try create(&app, as: user, title: title)
            Issue.record("expected rate-limited")
        } catch {
            #expect(error.kind == .rateLimited)
            #expect(error.message == "Your request exceeded the rate limit.")
            #expect(error.hint["remaining-tokens"] == 0)
            #expect(error.hint["retry-at"]?.stringValue != nil)
            if let retryAfter, case .int(let seconds)? = error.hint["retry-after"] {
                #expect(retryAfter.contains(seconds))
            } else if retryAfter != nil {
                Issue.record("retry-after missing from \(String(describing: error.hint))")
            }
        }
        #expect(app.snapshot == before, "a rate-limited write changed the data")
    }

    @Test func createsUntilTheBucketIsEmptyPerKeyThenRefillsGreedily() throws {
        var app = try PermissionApp(rules: Self.rules([["capacity": 2, "refill": ["amount": 2, "period": "1 hour"]]]))
        try Self.create(&app, as: IDs.u1)
        try Self.create(&app, as: IDs.u1)
        // Two seconds have passed (the test clock moves one second per transaction): the
        // next token is due 30 minutes after the first was taken.
        Self.expectRateLimited(&app, as: IDs.u1, retryAfter: 1_797...1_799)
        try Self.create(&app, as: IDs.u2)
        app.clock += 1_800_000
        try Self.create(&app, as: IDs.u1)
        Self.expectRateLimited(&app, as: IDs.u1)
    }

    @Test func intervalRefillsAllAtOnceAtTheEndOfThePeriod() throws {
        var app = try PermissionApp(
            rules: Self.rules([["capacity": 1, "refill": ["period": "1 minute", "type": "interval"]]]))
        let start = app.clock
        try Self.create(&app, as: IDs.u1)
        app.clock = start + 58_000
        Self.expectRateLimited(&app, as: IDs.u1, retryAfter: 2...2)
        app.clock = start + 60_000
        try Self.create(&app, as: IDs.u1)
    }

    @Test func everyLimitOfANameMustHaveTokens() throws {
        var app = try PermissionApp(
            rules: Self.rules([
                ["capacity": 5, "refill": ["period": "1 hour"]], ["capacity": 1, "refill": ["period": "1 minute"]],
            ]))
        try Self.create(&app, as: IDs.u1)
        Self.expectRateLimited(&app, as: IDs.u1)
        app.clock += 60_000
        try Self.create(&app, as: IDs.u1)
    }

    /// As in cel-java, where the bucket's exception becomes an error value: `||` absorbs it
    /// when its other side is true, and only an error that decides the result fails the
    /// request with `rate-limited`.
    @Test func anEmptyBucketIsAbsorbedWhereTheOtherSideDecides() throws {
        var app = try PermissionApp(
            rules: Self.rules([["capacity": 1]], create: "rateLimit.createTodos.limit(auth.id) || newData.title == 'free'"))
        try Self.create(&app, as: IDs.u1)
        Self.expectRateLimited(&app, as: IDs.u1)
        try Self.create(&app, as: IDs.u1, title: "free")
    }

    @Test func shortCircuitingLeavesTheTokens() throws {
        var app = try PermissionApp(
            rules: Self.rules([["capacity": 1]], create: "newData.title == 'go' && rateLimit.createTodos.limit(auth.id)"))
        for _ in 0..<3 {
            #expect(throws: InstantError.self) { try Self.create(&app, as: IDs.u1, title: "stop") }
        }
        try Self.create(&app, as: IDs.u1, title: "go")
        Self.expectRateLimited(&app, as: IDs.u1, title: "go")
    }

    @Test func aQueryChargesOneTokenPerEntityItChecks() throws {
        let rules: JSONValue = [
            "$rateLimits": ["views": ["limits": [["capacity": 3]]]],
            "todos": ["allow": ["view": "rateLimit.views.limit(auth.id)"]],
        ]
        var app = try PermissionApp(rules: rules)
        try app.transact([["update", "todos", JSONValue(IDs.t1), ["title": "a"]]], as: nil)
        try app.transact([["update", "todos", JSONValue(IDs.t2), ["title": "b"]]], as: nil)
        #expect(try app.ids("todos", as: PermissionApp.user(IDs.u1)).count == 2)
        do {
            _ = try app.ids("todos", as: PermissionApp.user(IDs.u1))
            Issue.record("expected rate-limited")
        } catch {
            #expect(error.kind == .rateLimited)
            #expect(error.hint["remaining-tokens"] == 0)
        }
        #expect(try app.ids("todos", as: PermissionApp.user(IDs.u2)).count == 2)
        #expect(try app.ids("todos", as: nil).count == 2)
    }

    @Test func aNewRulesDocumentStartsWithFullBuckets() throws {
        var app = try PermissionApp(rules: Self.rules([["capacity": 1]]))
        try Self.create(&app, as: IDs.u1)
        Self.expectRateLimited(&app, as: IDs.u1)
        try app.setRules(Self.rules([["capacity": 1]]))
        try Self.create(&app, as: IDs.u1)
    }

    static let invalidConfigs: [(JSONValue, String)] = [
        (["limits": []], "`limits` must be a non-empty list of {capacity, refill}"),
        (["limits": [["capacity": 0]]], "`capacity` must be a positive integer"),
        (["limits": [["capacity": 1.5]]], "`capacity` must be a positive integer"),
        (["limits": [["capacity": 1, "refill": ["period": "1 fortnight"]]]],
         "`refill.period` must be a duration such as \"30 minutes\", \"2 hours\" or \"1 day\""),
        (["limits": [["capacity": 1, "refill": ["period": "2 days"]]]],
         "`refill.period` must be between 1 second and 24 hours"),
        (["limits": [["capacity": 1, "refill": ["type": "leaky"]]]], "`refill.type` must be \"greedy\" or \"interval\""),
        (["limits": [["capacity": 1, "refill": ["amount": -2]]]], "`refill.amount` must be a positive integer"),
        ("ten per hour", "must be an object with `limits`"),
    ]

    @Test(arguments: invalidConfigs)
    func invalidBucketsAreRejectedWhenSaved(config: JSONValue, message: String) {
        do {
            _ = try RuleSet.validate(["$rateLimits": ["createTodos": config]])
            Issue.record("expected validation-failed")
        } catch {
            #expect(error.kind == .validationFailed)
            let entries = error.hint["errors"]?.arrayValue ?? []
            #expect(entries.count == 1)
            #expect(entries.first?["message"]?.stringValue == "Invalid rate limit `createTodos`: \(message)")
            #expect(entries.first?["in"] == ["$rateLimits", "createTodos"])
        }
    }

    static let periods: [(String, Int64?)] = [
        ("1 second", 1_000), ("30 minutes", 1_800_000), ("2 hours", 7_200_000), ("1 day", 86_400_000),
        ("1 Hour", 3_600_000), ("hour", nil), ("1.5 hours", nil), ("-1 hours", nil), ("1 hours ago", nil),
    ]

    @Test(arguments: periods)
    func periodsAreACountAndAUnit(text: String, milliseconds: Int64?) {
        #expect(RateLimitConfig.periodMilliseconds(text) == milliseconds)
    }

    @Test func defaultsRefillTheCapacityOverAnHourGreedily() throws {
        let config = try RateLimitConfig(parsing: ["limits": [["capacity": 10]]])
        #expect(
            config.limits == [
                RateLimitConfig.Limit(
                    capacity: 10, refillAmount: 10, periodMilliseconds: 3_600_000, refillsAtIntervals: false)
            ])
    }
}
