import Testing

@testable import Engine

/// Required attributes (data-model §8.9).
struct RequiredAttrTests {
    let itemsID = Attr.makeID("items")
    let name = Attr.make("items", "name", required: true)
    let size = Attr.make("items", "size", required: true)
    let note = Attr.make("items", "note")
    let owner = Attr.make("items", "owner", ref: ("people", "items"), required: true)
    let personName = Attr.make("people", "name")
    let a = EntityID.test(1)
    let b = EntityID.test(2)
    let person = EntityID.test(9)

    func makeApp() throws -> TestApp {
        var app = TestApp()
        try app.transact([itemsID, name, size, note, owner, personName].map { .addAttr($0) })
        return app
    }

    func item(_ e: EntityID, _ values: [(Attr, JSONValue)]) -> [TxStep] { TxStep.update(e, id: itemsID, values) }

    var complete: [(Attr, JSONValue)] { [(name, "n"), (size, 1), (owner, JSONValue(person))] }

    @Test func completeEntitiesPass() throws {
        var app = try makeApp()
        try app.transact(item(a, complete))
        #expect(app.value(a, name) == "n")
    }

    @Test func aMissingAttrFailsWithItsName() throws {
        var app = try makeApp()
        let error = app.expectRejected(
            .validationFailed, "Missing required attribute `items/size`: \(a)",
            item(a, [(name, "n"), (owner, JSONValue(person))]))
        #expect(
            error?.hint
                == [
                    "records": [
                        [
                            "entity_id": JSONValue(a), "attr_id": JSONValue(size.id), "etype": "items", "label": "size",
                            "is_required": true,
                        ]
                    ]
                ])
    }

    @Test func severalEntitiesAndAttrs() throws {
        var app = try makeApp()
        app.expectRejected(
            .validationFailed,
            "Missing required attributes `items/name`: \(a), \(b). Missing required attributes `items/size`: \(a), \(b)",
            item(a, [(owner, JSONValue(person))]) + item(b, [(owner, JSONValue(person))]))
    }

    @Test func nullCountsAsMissing() throws {
        var app = try makeApp()
        app.expectRejected(
            .validationFailed, "Missing required attribute `items/name`: \(a)",
            item(a, [(name, nil), (size, 1), (owner, JSONValue(person))]))
    }

    @Test func theIDAttrIsRequiredToo() throws {
        var app = try makeApp()
        app.expectRejected(
            .validationFailed, "Missing required attribute `items/id`: \(a)",
            [.add(a, name, "n"), .add(a, size, 1), .add(a, owner, JSONValue(person))])
    }

    @Test func retractingARequiredValueFails() throws {
        var app = try makeApp()
        try app.transact(item(a, complete))
        app.expectRejected(
            .validationFailed, "Missing required attribute `items/size`: \(a)", [.retract(a, size, 1)])
        // Updating an untouched entity's other attr still checks it.
        try app.transact([.add(a, note, "x")])
    }

    @Test func deletingTheTargetOfARequiredLinkFails() throws {
        var app = try makeApp()
        try app.transact([.add(person, personName, "P")] + item(a, complete))
        app.expectRejected(
            .validationFailed, "Missing required attribute `items/owner`: \(a)", [.delete(person, "people")])
        // Deleting the source as well passes: a deleted entity is not checked.
        try app.transact([.delete(person, "people"), .delete(a, "items")])
        #expect(app.state.allTriples().isEmpty)
    }
}
