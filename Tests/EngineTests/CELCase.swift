import Testing

@testable import Engine

/// One row of a CEL table: an expression and its expected outcome, worked out from
/// the CEL language definition and permissions §3.
struct CELCase: CustomTestStringConvertible, Sendable {
    let source: String
    let expectation: CELExpectation
    let action: CELRuleAction
    let fixture: CELFixture

    init(
        _ source: String, _ expectation: CELExpectation, action: CELRuleAction = .link, fixture: CELFixture = .standard
    ) {
        self.source = source
        self.expectation = expectation
        self.action = action
        self.fixture = fixture
    }

    var testDescription: String { source }

    /// Compiles, evaluates and compares; records an issue on mismatch.
    func run() {
        let program: CELProgram
        do {
            program = try CELProgram.compile(source, action: action)
        } catch {
            if case .compileError(let text) = expectation {
                #expect(error.messages.contains { $0.contains(text) }, "\(source): \(error.messages)")
            } else {
                Issue.record("\(source) did not compile: \(error.messages)")
            }
            return
        }
        let result = program.evaluate(in: CELFakeContext(fixture))
        switch (expectation, result) {
        case (.value(let expected), .success(let actual)):
            #expect(
                CELFakeContext.same(actual, expected), "\(source) = \(actual.jsonValue), expected \(expected.jsonValue)"
            )
        case (.passes(let expected), .success(let actual)):
            #expect(actual.passesRule == expected, "\(source) = \(actual.jsonValue)")
        case (.error(let code), .failure(let error)):
            #expect(error.code == code, "\(source) failed with \(error.code): \(error.message)")
        case (.compileError, _):
            Issue.record("\(source) compiled, expected a compile error")
        case (_, .success(let actual)):
            Issue.record("\(source) = \(actual.jsonValue), expected \(expectation)")
        case (_, .failure(let error)):
            Issue.record("\(source) failed: \(error.code) \(error.message), expected \(expectation)")
        }
    }
}
