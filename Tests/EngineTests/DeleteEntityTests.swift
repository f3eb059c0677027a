import Testing

@testable import Engine

/// delete-entity, cascades and preprocessing (data-model §8.2 steps 2–4, §8.8).
struct DeleteEntityTests {
    let s = TestSchema()
    let alice = EntityID.test(1)
    let bob = EntityID.test(2)
    let post = EntityID.test(10)

    @Test func deletesTheEntitysTriplesAndIncomingLinks() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.name, "A")]) + s.post(post, [(s.title, "T"), (s.author, JSONValue(alice))]))
        let report = try app.transact([.delete(alice, "users")])
        #expect(app.state.triples(of: alice).isEmpty)
        #expect(app.value(post, s.author) == nil)
        #expect(app.value(post, s.title) == "T")
        #expect(report.added.isEmpty)
        #expect(report.retracted.count == 5)
        #expect(report.retracted.contains { $0.entity == post && $0.attr == s.author.id })
    }

    @Test func triplesInOtherEtypesSurvive() throws {
        var app = try TestApp(s)
        // One id, two namespaces (§1.2).
        try app.transact(s.user(alice, [(s.name, "A")]) + s.post(alice, [(s.title, "T")]))
        try app.transact([.delete(alice, "users")])
        #expect(!app.state.exists(alice, in: "users"))
        #expect(app.value(alice, s.title) == "T")
        #expect(app.value(alice, s.postsID) == JSONValue(alice))
    }

    @Test func withoutEtypeDeletesFromEveryEtypeTheEntityHas() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.name, "A")]) + s.post(alice, [(s.title, "T")]))
        try app.transact([.delete(alice, nil)])
        #expect(app.state.triples(of: alice).isEmpty)
    }

    @Test func deletingAMissingEntityIsANoOp() throws {
        var app = try TestApp(s)
        let report = try app.transact([.delete(bob, "users"), .delete(bob, nil)])
        #expect(report.changes.isEmpty)
        #expect(report.txID == 2)
    }

    @Test func lookupThatMatchesNothingIsDropped() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.handle, "al")]))
        let report = try app.transact([.deleteEntity(.lookup(attr: s.handle.id, value: "nobody"), etype: "users")])
        #expect(report.changes.isEmpty)
        #expect(app.state.exists(alice, in: "users"))
    }

    @Test func lookupThatMatchesDeletesThatEntity() throws {
        var app = try TestApp(s)
        try app.transact(s.user(alice, [(s.handle, "al")]) + s.user(bob, [(s.handle, "bo")]))
        try app.transact([.deleteEntity(.lookup(attr: s.handle.id, value: "al"), etype: "users")])
        #expect(!app.state.exists(alice, in: "users"))
        #expect(app.state.exists(bob, in: "users"))
    }

    /// `tree.parent` → tree, on-delete cascade: deleting a parent deletes its children (§8.2.4).
    @Test func onDeleteCascadesFromTargetToSources() throws {
        let parent = Attr.make("tree", "parent", ref: ("tree", "children"), onDelete: true)
        var app = TestApp()
        try app.transact([.addAttr(.makeID("tree")), .addAttr(parent)])
        let (root, child, grandchild, other) = (EntityID.test(1), EntityID.test(2), EntityID.test(3), EntityID.test(4))
        try app.transact([
            .add(root, parent, JSONValue(other)), .add(child, parent, JSONValue(root)),
            .add(grandchild, parent, JSONValue(child)),
        ])
        try app.transact([.delete(root, "tree")])
        #expect(app.state.triples(of: child).isEmpty)
        #expect(app.state.triples(of: grandchild).isEmpty)
        // The cascade runs from target to source only: root's own target survives.
        #expect(app.state.etypes(of: other).isEmpty)
        #expect(app.state.allTriples().isEmpty)
    }

    /// `owners.pets` → pets, on-delete-reverse cascade: deleting the owner deletes the pets.
    @Test func onDeleteReverseCascadesFromSourceToTargets() throws {
        let pets = Attr.make("owners", "pets", ref: ("pets", "owner"), cardinality: .many, onDeleteReverse: true)
        let petName = Attr.make("pets", "name")
        var app = TestApp()
        try app.transact([.addAttr(pets), .addAttr(petName)])
        let (owner, rex, tom) = (EntityID.test(1), EntityID.test(2), EntityID.test(3))
        try app.transact([
            .add(owner, pets, JSONValue(rex)), .add(owner, pets, JSONValue(tom)), .add(rex, petName, "Rex"),
            .add(tom, petName, "Tom"),
        ])
        try app.transact([.delete(owner, "owners")])
        #expect(app.state.allTriples().isEmpty)
        // Deleting a pet does not delete its owner.
        try app.transact([.add(owner, pets, JSONValue(rex)), .add(rex, petName, "Rex")])
        try app.transact([.delete(rex, "pets")])
        #expect(app.value(owner, pets) == nil)
        #expect(app.state.allTriples().isEmpty)
    }

    @Test func cascadesFollowOnlyTheAttrsEtypes() throws {
        let parent = Attr.make("tree", "parent", ref: ("tree", "children"), onDelete: true)
        let note = Attr.make("notes", "text")
        var app = TestApp()
        try app.transact([.addAttr(parent), .addAttr(note)])
        let (root, child) = (EntityID.test(1), EntityID.test(2))
        try app.transact([.add(child, parent, JSONValue(root)), .add(root, note, "n")])
        // root is deleted as a `notes` entity: the tree link points into `tree`, no cascade.
        try app.transact([.delete(root, "notes")])
        #expect(app.value(child, parent) == JSONValue(root))
    }

    @Test func cyclesTerminate() throws {
        let next = Attr.make("ring", "next", ref: ("ring", "previous"), onDelete: true, onDeleteReverse: true)
        var app = TestApp()
        try app.transact([.addAttr(next)])
        let ring = (1...4).map { EntityID.test(UInt64($0)) }
        try app.transact((0..<4).map { .add(ring[$0], next, JSONValue(ring[($0 + 1) % 4])) })
        let report = try app.transact([.delete(ring[0], "ring")])
        #expect(app.state.allTriples().isEmpty)
        #expect(report.retracted.count == 4)
    }

    @Test func bothCascadeDirectionsCombine() throws {
        // a --pets(reverse cascade)--> b <--parent(cascade)-- c
        let pets = Attr.make("owners", "pets", ref: ("pets", "owner"), cardinality: .many, onDeleteReverse: true)
        let vet = Attr.make("visits", "pet", ref: ("pets", "visits"), onDelete: true)
        let when = Attr.make("visits", "when")
        var app = TestApp()
        try app.transact([.addAttr(pets), .addAttr(vet), .addAttr(when)])
        let (owner, pet, visit) = (EntityID.test(1), EntityID.test(2), EntityID.test(3))
        try app.transact([.add(owner, pets, JSONValue(pet)), .add(visit, vet, JSONValue(pet)), .add(visit, when, 5)])
        try app.transact([.delete(owner, "owners")])
        #expect(app.state.allTriples().isEmpty)
    }

    @Test func cascadeIsExpandedOnTheStateBeforeTheTransaction() throws {
        let parent = Attr.make("tree", "parent", ref: ("tree", "children"), onDelete: true)
        let label = Attr.make("tree", "label")
        var app = TestApp()
        try app.transact([.addAttr(parent), .addAttr(label)])
        let (root, child, late) = (EntityID.test(1), EntityID.test(2), EntityID.test(3))
        try app.transact([.add(root, label, "r"), .add(child, parent, JSONValue(root))])
        // `late` links to root in the same tx: the delete removes its link but not `late`.
        try app.transact([.add(late, parent, JSONValue(root)), .add(late, label, "l"), .delete(root, "tree")])
        #expect(app.state.triples(of: child).isEmpty)
        #expect(app.value(late, label) == "l")
        #expect(app.value(late, parent) == nil)
    }
}
