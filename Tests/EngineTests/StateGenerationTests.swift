import Foundation
import Testing

@testable import Engine

/// `AppState.generation` names one version of a state: readers reuse answers by it, so
/// every change must take a new one, and no two states may share one.
struct StateGenerationTests {
    @Test func everyTransactionAttemptTakesANewGeneration() throws {
        let title = Attr.make("goals", "title")
        var app = TestApp()
        let fresh = app.state.generation
        #expect(AppState().generation != fresh, "two new states never share a generation")
        try app.transact([.addAttr(Attr.makeID("goals")), .addAttr(title)])
        let committed = app.state.generation
        #expect(committed != fresh)
        let copy = app.state
        #expect(copy.generation == committed, "a copy is the same version until it changes")
        #expect(throws: InstantError.self) { try app.transact([.add(.test(1), Attr.make("goals", "missing"), "x")]) }
        #expect(app.state.generation != committed, "an undone transaction may reorder storage")
        #expect(copy.generation == committed)
    }

    @Test func rulesTakeANewGeneration() throws {
        var state = AppState()
        let before = state.generation
        state.installRules(RuleSet.none)
        #expect(state.generation != before)
    }

    @Test func aDatabaseRulesChangeTakesANewGeneration() throws {
        let database = AppDatabase()
        let before = database.read { $0.generation }
        try database.setRules(["goals": ["allow": ["view": "true"]]])
        #expect(database.read { $0.generation } != before)
    }
}
