import Testing

@testable import Engine

/// Modes (§8.5), grouping by step kind (§8.3) and rule-params (§8.11).
struct StepOrderTests {
    let s = TestSchema()
    let alice = EntityID.test(1)
    let bob = EntityID.test(2)

    @Test func createFailsWhenTheEntityExistsInThatEtype() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.name, "A")]))
        let error = app.expectRejected(
            .validationFailed, "Validation failed for tx-step: Creating entities that exist: \(alice)",
            s.user(alice, [(s.name, "B")], mode: .create) + s.user(bob, mode: .create))
        #expect(error?.hint["data-type"] == "tx-step")
    }

    @Test func createIsPerEtype() throws {
        var app = try TestApp(s)
        try app.transact(s.post(alice))
        try app.transact(s.user(alice, [(s.name, "A")], mode: .create))
        #expect(app.value(alice, s.name) == "A")
    }

    @Test func updateFailsWhenTheEntityIsMissing() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice))
        app.expectRejected(
            .validationFailed, "Validation failed for tx-step: Updating entities that don't exist: \(bob)",
            s.user(alice, [(s.name, "A")], mode: .update) + s.user(bob, [(s.name, "B")], mode: .update))
    }

    @Test func updateThroughALookup() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.handle, "al")]))
        try app.transact([
            .addTriple(.lookup(attr: s.handle.id, value: "al"), attr: s.name.id, value: "A", mode: .update)
        ])
        #expect(app.value(alice, s.name) == "A")
        app.expectRejected(
            .validationFailed,
            "Validation failed for tx-step: Updating entities that don't exist: [#uuid \"\(s.handle.id)\" \"zz\"]",
            [.addTriple(.lookup(attr: s.handle.id, value: "zz"), attr: s.name.id, value: "Z", mode: .update)])
    }

    @Test func upsertAndNoModeNeverCheck() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, mode: .upsert))
        try app.transact(s.user(alice, [(s.name, "A")], mode: .upsert))
        try app.transact(s.user(alice, [(s.name, "B")]))
        #expect(app.value(alice, s.name) == "B")
    }

    @Test func modesAreJudgedOnTheStateBeforeTheTransaction() throws {
        var app = try TestApp(s)
        // Both creates pass although the first makes the entity exist.
        try app.transact(s.user(alice, [(s.name, "A")], mode: .create) + s.user(alice, [(s.age, 3)], mode: .create))
        #expect(app.value(alice, s.age) == 3)
        // An update of an entity created earlier in the same transaction fails.
        app.expectRejected(
            .validationFailed, "Validation failed for tx-step: Updating entities that don't exist: \(bob)",
            s.user(bob, mode: .create) + s.user(bob, [(s.name, "B")], mode: .update))
    }

    @Test func updateThenDeleteLeavesNothing() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.name, "A")]))
        try app.transact(s.user(alice, [(s.name, "B")]) + [.delete(alice, "users")])
        #expect(!app.state.exists(alice, in: "users"))
    }

    @Test func deleteThenUpdateRecreates() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.name, "A"), (s.age, 4)]))
        try app.transact([.delete(alice, "users")] + s.user(alice, [(s.name, "B")]))
        #expect(app.value(alice, s.name) == "B")
        #expect(app.value(alice, s.age) == nil)
    }

    @Test func deleteUpdateDeleteStillExists() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.name, "A")]))
        try app.transact([.delete(alice, "users")] + s.user(alice, [(s.name, "B")]) + [.delete(alice, "users")])
        #expect(app.value(alice, s.name) == "B")
    }

    @Test func mergeRunsAfterEveryAddTripleOfTheTransaction() throws {
        var app = try TestApp(s)
        // Source order: merge first, then update; execution: add-triples, then merges.
        try app.transact([
            .add(alice, s.usersID, JSONValue(alice)), .merge(alice, s.settings, ["m": 1]),
            .add(alice, s.settings, ["u": 1]),
        ])
        #expect(app.value(alice, s.settings) == ["u": 1, "m": 1])
    }

    @Test func retractBeforeAddInSourceOrderRunsFirst() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.name, "A")]))
        // retract group first (it appears first), then add: the value ends up present.
        try app.transact([.retract(alice, s.name, "A"), .add(alice, s.name, "A")])
        #expect(app.value(alice, s.name) == "A")
        // add group first, then retract: the value is gone.
        try app.transact([.add(alice, s.name, "A"), .retract(alice, s.name, "A")])
        #expect(app.value(alice, s.name) == nil)
    }

    @Test func ruleParamsWriteNothingAndMergePerEntity() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.handle, "al")]))
        let report = try app.transact([
            .ruleParams(.id(alice), etype: "users", params: ["a": 1, "b": 1]),
            .ruleParams(.lookup(attr: s.handle.id, value: "al"), etype: "users", params: ["b": 2]),
            .ruleParams(.id(bob), etype: "users", params: ["c": 3]),
        ])
        #expect(report.changes.isEmpty)
        #expect(report.ruleParams[EntityEtype(alice, "users")] == ["a": 1, "b": 2])
        #expect(report.ruleParams[EntityEtype(bob, "users")] == ["c": 3])
    }

    @Test func parsedStepsKeepTheirModes() throws {
        let steps = try TxStep.parse(
            .parse(
                #"[["add-triple","\#(alice)","\#(s.name.id)","A",{"mode":"create"}],"#
                    + #"["deep-merge-triple","\#(alice)","\#(s.name.id)",{},{"mode":"update"}],"#
                    + #"["add-triple","\#(alice)","\#(s.name.id)","A",null],["rule-params","\#(alice)","users",{"x":1}],"#
                    + #"["delete-entity","\#(alice)"],["delete-attr","\#(s.name.id)"],["restore-attr","\#(s.name.id)"]]"#))
        #expect(
            steps == [
                .add(alice, s.name, "A", mode: .create), .merge(alice, s.name, [:], mode: .update),
                .add(alice, s.name, "A"), .ruleParams(.id(alice), etype: "users", params: ["x": 1]),
                .delete(alice, nil), .deleteAttr(s.name.id), .restoreAttr(s.name.id),
            ])
    }

    @Test func invalidEntityIDsAreRejectedWhileParsing() {
        #expect(
            throws: InstantError.invalidEntityID("bob", stepIndex: 1),
            performing: {
                try TxStep.parse(
                    .parse(#"[["add-triple","\#(alice)","\#(s.name.id)","A"],["add-triple","bob","\#(s.name.id)","B"]]"#))
            })
        #expect(
            InstantError.invalidEntityID("bob", stepIndex: 1).message
                == "Validation failed for tx-steps: Invalid entity ID 'bob'. Entity IDs must be UUIDs. Use id() or lookup() to generate a valid UUID."
        )
    }

    @Test(arguments: [
        (#"{}"#, "coll?"), (#"[5]"#, "vector?"), (#"[["launch-rocket"]]"#, "instant.db.transaction/tx-step"),
        (#"[["add-triple","00000000-0000-4000-8000-000000000001","x","v"]]"#, "uuid?"),
        (#"[["add-triple","00000000-0000-4000-8000-000000000001","00000000-0000-4000-8000-000000000001"]]"#, "some?"),
        (#"[["add-attr",{"id":"00000000-0000-4000-8000-000000000001"}]]"#, "instant.db.model.attr/identity"),
        (#"[["delete-attr","nope"]]"#, "uuid?"),
    ])
    func malformedStepsAreRejected(_ json: String, _ expected: String) {
        do {
            _ = try TxStep.parse(.parse(json))
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.kind == .validationFailed)
            #expect(error.message == "Validation failed for tx-steps")
            #expect(error.hint["errors"]?.arrayValue?.first?["expected"] == .string(expected))
        }
    }
}
