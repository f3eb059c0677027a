import Testing

@testable import Engine

/// deep-merge-triple (data-model §8.7).
struct DeepMergeTests {
    let s = TestSchema()
    let alice = EntityID.test(1)

    /// `(current value or nil for none, patch, result)`: the merge rules of §8.7.
    static let cases: [(String?, String, String)] = [
        (nil, #"{"a":{"b":null},"c":1}"#, #"{"a":{"b":null},"c":1}"#),
        (#"{"a":1,"b":{"c":1,"d":2}}"#, #"{"b":{"c":null,"e":3},"f":[1]}"#, #"{"a":1,"b":{"d":2,"e":3},"f":[1]}"#),
        (#"{"a":[1,2]}"#, #"{"a":[3]}"#, #"{"a":[3]}"#),
        (#"{"a":{"b":1}}"#, #"{"a":5}"#, #"{"a":5}"#),
        (#"{"a":5}"#, #"{"a":{"b":1}}"#, #"{"a":{"b":1}}"#),
        (#"{"a":1}"#, "null", "null"),
        (#"{"a":1}"#, #""x""#, #""x""#),
        (#""str""#, #"{"a":1}"#, #"{"a":1}"#),
        ("null", #"{"a":{"b":null}}"#, #"{"a":{"b":null}}"#),
        (#"{"a":1}"#, #"{"missing":null}"#, #"{"a":1}"#),
        (#"{"a":{"b":{"c":1,"d":1}}}"#, #"{"a":{"b":{"c":2}}}"#, #"{"a":{"b":{"c":2,"d":1}}}"#),
    ]

    @Test(arguments: cases)
    func mergesIntoTheCurrentValue(_ current: String?, _ patch: String, _ expected: String) throws {
        var app = try TestApp(s)
        if let current { try app.transact([.add(alice, s.settings, .parse(current))]) }
        try app.transact([.merge(alice, s.settings, .parse(patch))])
        #expect(app.value(alice, s.settings)?.jsonString == expected)
    }

    @Test func patchesOfOneTransactionApplyInOrder() throws {
        var app = try TestApp(s)
        try app.transact([
            .merge(alice, s.settings, .parse(#"{"a":1,"b":1}"#)), .merge(alice, s.settings, .parse(#"{"b":2}"#)),
            .merge(alice, s.settings, .parse(#"{"a":null}"#)),
        ])
        #expect(app.value(alice, s.settings)?.jsonString == #"{"b":2}"#)
    }

    @Test func replacingKeepsTheTimestamp() throws {
        var app = try TestApp(s)
        let created = app.clock
        try app.transact([.add(alice, s.settings, ["a": 1])])
        try app.transact([.merge(alice, s.settings, ["b": 2])])
        #expect(app.createdAt(alice, s.settings) == created)
    }

    @Test func doesNotNullFill() throws {
        var app = try TestApp(s)
        let report = try app.transact([.merge(alice, s.settings, ["a": 1])])
        #expect(report.added.count == 1)
        #expect(app.value(alice, s.email) == nil)
        // Not even when it writes the id triple, before an add-triple group.
        let bob = EntityID.test(2)
        try app.transact([.merge(bob, s.usersID, JSONValue(bob)), .add(bob, s.name, "B")])
        #expect(app.value(bob, s.usersID) == JSONValue(bob))
        #expect(app.value(bob, s.email) == nil)
    }

    @Test func addsThePatchKindToInferredTypes() throws {
        var app = try TestApp(s)
        try app.transact([.merge(alice, s.name, "plain")])
        try app.transact([.merge(alice, s.name, ["a": true])])
        #expect(app.attr(s.name)?.inferredTypes == [.string, .json])
    }

    @Test func isRejectedForLinks() throws {
        var app = try TestApp(s)
        app.expectRejected(
            .sqlRaise, "Raised Exception: merge operation is not supported for links",
            [.merge(alice, s.author, JSONValue(EntityID.test(5)))])
    }

    @Test func resultIsTypeChecked() throws {
        var app = try TestApp(s)
        app.expectRejected(
            .validationFailed,
            "Invalid value type for users.age. Value must be a number but the provided value type is object.",
            [.merge(alice, s.age, ["a": 1])])
    }

    @Test func resultIsUniqueChecked() throws {
        let prefs = Attr.make("users", "prefs", unique: true)
        var app = try TestApp(s)
        try app.transact([.addAttr(prefs), .add(alice, prefs, ["a": 1])])
        app.expectRejected(
            .recordNotUnique,
            #"`prefs` is a unique attribute on `users` and an entity already exists with `users.prefs` = {"a":1}"#,
            [.merge(EntityID.test(2), prefs, ["a": 1])])
    }

    @Test func entityLookupsUpsert() throws {
        var app = try TestApp(s)
        try app.transact([.deepMergeTriple(.lookup(attr: s.handle.id, value: "h"), attr: s.settings.id, value: ["x": 1], mode: nil)])
        let created = try #require(app.state.entities(attr: s.handle.id, value: "h").first)
        #expect(app.value(created, s.settings) == ["x": 1])
    }

    @Test func pureMergeFunction() {
        #expect(AppState.deepMerge(.parse(#"{"a":{"b":1}}"#), .parse(#"{"a":{"c":2}}"#)).jsonString == #"{"a":{"b":1,"c":2}}"#)
        #expect(AppState.deepMerge(.parse("[1]"), .parse("[2]")) == [2])
    }
}
