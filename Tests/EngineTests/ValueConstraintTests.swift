import Testing

@testable import Engine

/// Unique, checked-type, size, link and NUL-byte rules (data-model §2.2, §2.4, §8.10).
struct ValueConstraintTests {
    let s = TestSchema()
    let alice = EntityID.test(1)
    let bob = EntityID.test(2)
    let post = EntityID.test(10)

    @Test func uniqueBlobValuesConflict() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.email, "a@b.c")]))
        let error = app.expectRejected(
            .recordNotUnique,
            #"`email` is a unique attribute on `users` and an entity already exists with `users.email` = "a@b.c""#,
            s.user(bob, [(s.email, "a@b.c")]))
        #expect(
            error?.hint
                == [
                    "record-type": "triple", "attr-id": JSONValue(s.email.id), "etype": "users", "label": "email",
                    "value": "a@b.c",
                ])
    }

    @Test func uniqueComparesJSONValues() throws {
        let code = Attr.make("users", "code", unique: true)
        var app = try TestApp(s)
        try app.transact([.addAttr(code), .add(alice, code, 1)])
        app.expectRejected(
            .recordNotUnique,
            "`code` is a unique attribute on `users` and an entity already exists with `users.code` = 1.0",
            [.add(bob, code, 1.0)])
        try app.transact([.add(bob, code, "1")])
    }

    @Test func nullsNeverConflictAndOwnValuesAreFine() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.email, nil)]) + s.user(bob, [(s.email, nil)]))
        try app.transact(s.user(alice, [(s.email, "a@b.c")]))
        try app.transact(s.user(alice, [(s.email, "a@b.c")]))
        #expect(app.value(bob, s.email) == .null)
    }

    @Test func aFreedUniqueValueCanBeReused() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.email, "a@b.c")]))
        try app.transact(s.user(alice, [(s.email, "new@b.c")]) + s.user(bob, [(s.email, "a@b.c")]))
        #expect(app.value(bob, s.email) == "a@b.c")
    }

    /// One – one link (§2.2): a target already linked from another source is a violation.
    @Test func uniqueRefTargetsCannotBeLinkedTwice() throws {
        var app = try TestApp(s)
        let (p1, p2) = (EntityID.test(21), EntityID.test(22))
        try app.transact(s.user(alice) + [.add(p1, s.owner, JSONValue(alice))])
        let error = app.expectRejected(
            .recordNotUnique,
            "`owner` is a unique attribute on `profiles` and an entity already exists with `profiles.owner` = \"\(alice)\"",
            [.add(p2, s.owner, JSONValue(alice))])
        #expect(error?.hint["value"] == JSONValue(alice))
        // Unlinking first makes the move legal.
        try app.transact([.retract(p1, s.owner, JSONValue(alice)), .add(p2, s.owner, JSONValue(alice))])
        #expect(app.value(p2, s.owner) == JSONValue(alice))
    }

    @Test func cardinalityOneRefReplacesTheTarget() throws {
        var app = try TestApp(s)
        try app.transact(s.post(post, [(s.author, JSONValue(alice))]))
        try app.transact(s.post(post, [(s.author, JSONValue(bob))]))
        #expect(app.values(post, s.author) == [JSONValue(bob)])
    }

    static let typeErrors: [(Attr.CheckedDataType, JSONValue, String)] = [
        (.string, 5, "number"), (.string, true, "boolean"), (.string, [1], "array"), (.string, ["a": 1], "object"),
        (.number, "5", "string"), (.number, false, "boolean"), (.boolean, "true", "string"), (.boolean, 0, "number"),
        (.date, "not a date", "string"), (.date, true, "boolean"), (.date, ["t": 1], "object"),
    ]

    @Test(arguments: typeErrors)
    func checkedTypesRejectOtherKinds(_ type: Attr.CheckedDataType, _ value: JSONValue, _ kind: String) throws {
        let field = Attr.make("things", "field", checked: type)
        var app = TestApp()
        try app.transact([.addAttr(field)])
        let error = app.expectRejected(
            .validationFailed,
            "Invalid value type for things.field. Value must be a \(type.rawValue) but the provided value type is \(kind).",
            [.add(alice, field, value)])
        #expect(
            error?.hint
                == [
                    "namespace": "things", "attribute": "field", "value": value,
                    "checked-data-type": .string(type.rawValue), "attr-id": JSONValue(field.id),
                    "entity-id": JSONValue(alice),
                ])
    }

    static let typeMatches: [(Attr.CheckedDataType, JSONValue)] = [
        (.string, "s"), (.string, nil), (.number, 1), (.number, 1.5), (.number, .bigNumber("1e400")),
        (.boolean, false), (.boolean, nil), (.date, 1_718_117_715_976), (.date, "2024-06-11"),
        (.date, "2024-06-11T14:55:15Z"), (.date, "2024-06-11T14:55:15.123+02:00"), (.date, "2021-01-07 18:51:23.742637"),
        (.date, "epoch"), (.date, "now"), (.date, nil),
    ]

    @Test(arguments: typeMatches)
    func checkedTypesAcceptTheirKindAndNull(_ type: Attr.CheckedDataType, _ value: JSONValue) throws {
        let field = Attr.make("things", "field", checked: type)
        var app = TestApp()
        try app.transact([.addAttr(field)])
        try app.transact([.add(alice, field, value)])
        // Stored exactly as sent.
        #expect(app.value(alice, field)?.jsonString == value.jsonString)
    }

    @Test func indexedValuesAreSizeLimited() throws {
        var app = try TestApp(s)
        let fits = JSONValue.string(String(repeating: "x", count: AppState.maximumIndexedValueBytes - 2))
        let tooLarge = JSONValue.string(String(repeating: "x", count: AppState.maximumIndexedValueBytes - 1))
        try app.transact([.add(post, s.body, fits)])
        let error = app.expectRejected(
            .validationFailed, "Value is too large for an indexed attribute.", [.add(bob, s.body, tooLarge)])
        #expect(error?.hint["value-too-large?"] == true)
        #expect(error?.hint["attr-id"] == JSONValue(s.body.id))
        #expect(error?.hint["entity-id"] == JSONValue(bob))
        app.expectRejected(
            .validationFailed, "Value is too large for a unique attribute.", [.add(bob, s.email, tooLarge)])
        // Attrs that are neither indexed nor unique take any size.
        try app.transact([.add(post, s.title, .string(String(repeating: "y", count: 50_000)))])
    }

    @Test func linkValuesMustBeUUIDs() throws {
        var app = try TestApp(s)
        let error = app.expectRejected(.validationFailed, "Linked value must be a valid uuid.", [.add(post, s.author, "bob")])
        #expect(error?.hint["value"] == "bob")
        #expect(error?.hint["attr-id"] == JSONValue(s.author.id))
        #expect(error?.hint["entity-id"] == JSONValue(post))
        app.expectRejected(.validationFailed, "Linked value must be a valid uuid.", [.add(post, s.author, 5)])
        // Non-admins are stopped earlier, by the guard of §8.4.
        app.expectRejected(
            .validationFailed, "Validation failed for eid: Expected link value to be a uuid.", admin: false,
            [.add(post, s.author, "bob")])
    }

    @Test(arguments: [
        JSONValue.string("a\u{0}b"), ["nested": ["deep\u{0}"]], ["key\u{0}": 1], ["x", "\u{0}"],
    ])
    func nulBytesAreRejected(_ value: JSONValue) throws {
        var app = try TestApp(s)
        app.expectRejected(
            .validationFailed, "A value in the transaction contains null bytes, which cannot be stored.",
            [.add(alice, s.settings, value)])
    }
}
