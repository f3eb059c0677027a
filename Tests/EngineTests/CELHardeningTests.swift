import Testing

@testable import Engine

/// Random and mutated expressions never crash: they fail to compile with a
/// `CELError`, or evaluate to a value or a CEL error, within the named limits.
struct CELHardeningTests {
    /// Compiles (for the widest environment) and evaluates in two fixtures; returns
    /// whether the source compiled.
    @discardableResult
    static func exercise(_ source: String) -> Bool {
        guard let program = try? CELProgram.compile(source) else { return false }
        for fixture in [CELFixture.standard, .unboundLinked, .signedOut] {
            switch program.evaluate(in: CELFakeContext(fixture)) {
            case .success(let value): _ = value.passesRule
            case .failure(let error): #expect(!error.message.isEmpty)
            }
        }
        return true
    }

    @Test func generatedExpressionsNeverCrash() {
        var generator = CELExpressionGenerator(seed: 0x5EED_CE11)
        var compiled = 0
        for _ in 0..<3000 {
            if Self.exercise(generator.expression(depth: 5)) { compiled += 1 }
        }
        #expect(compiled > 300, "the generator should produce well-typed expressions too (\(compiled))")
    }

    @Test func mutatedExpressionsNeverCrash() {
        var generator = CELExpressionGenerator(seed: 42)
        let tables =
            CELArithmeticTableTests.cases + CELComparisonTableTests.cases + CELLogicTableTests.cases
            + CELMapTableTests.cases + CELMacroTableTests.cases + CELConversionTableTests.cases
            + CELStringTableTests.cases + CELTimeTableTests.cases
        let seeds = tables.map(\.source).filter { $0.utf8.count < 2000 }
        for seed in seeds {
            for _ in 0..<8 { Self.exercise(generator.mutate(seed)) }
        }
        for _ in 0..<1500 {
            Self.exercise(generator.mutate(generator.expression(depth: 4)))
        }
    }

    /// Expressions whose naive evaluation would blow up, and the limit that stops each.
    static let runaway: [(source: String, code: CELErrorCode)] = {
        let hundred = "[" + (0..<100).map(String.init).joined(separator: ", ") + "]"
        var doubledString = "'ab'"
        var doubledList = "[1, 2]"
        for _ in 0..<40 {
            doubledString = "cel.bind(s, \(doubledString), s + s)"
            doubledList = "cel.bind(l, \(doubledList), l + l)"
        }
        var joined = "'ab'"
        for _ in 0..<40 { joined = "cel.bind(j, \(joined), [j, j].join('-'))" }
        var replaced = "'aa'"
        for _ in 0..<40 { replaced = "(\(replaced)).replace('a', 'aa')" }
        return [
            ("\(hundred).all(x, \(hundred).all(y, \(hundred).all(z, true)))", .iterationBudgetExceeded),
            (
                "\(hundred).map(x, \(hundred).map(y, \(hundred).filter(z, z == x + y))).size() > 0",
                .iterationBudgetExceeded
            ),
            (doubledString, .invalidArgument),
            (doubledList, .invalidArgument),
            (replaced, .invalidArgument),
            (joined, .invalidArgument),
        ]
    }()

    @Test(arguments: 0..<6)
    func limitsStopRunawayEvaluation(_ index: Int) throws {
        let (source, code) = Self.runaway[index]
        let program = try CELProgram.compile(source)
        switch program.evaluate(in: CELFakeContext()) {
        case .success(let value): Issue.record("\(source.prefix(80)) = \(value.typeName), expected \(code)")
        case .failure(let error): #expect(error.code == code, "\(error.message)")
        }
    }

    /// Nesting just under `CELLimits.maxExpressionHeight` compiles and evaluates
    /// without exhausting the stack, also off the main thread.
    static let deep: [(source: String, expected: CELValue)] = {
        let depth = CELLimits.maxExpressionHeight - 2
        func nested(_ open: String, _ core: String, _ close: String, _ count: Int) -> String {
            String(repeating: open, count: count) + core + String(repeating: close, count: count)
        }
        var all = "true"
        for _ in 0..<(depth / 2 - 1) { all = "[1].all(x, \(all))" }
        var list = CELValue.int(1)
        for _ in 0..<(depth - 1) { list = .list([list]) }
        return [
            (nested("(", "1", ")", depth), .int(1)),
            (nested("[", "1", "]", depth - 1), list),
            (nested("-(", "1", ")", depth - 1), .int((depth - 1) % 2 == 0 ? 1 : -1)),
            (nested("size(string(", "1", "))", depth / 2 - 1), .int(1)),
            (all, .bool(true)),
            (nested("cel.bind(v, ", "1", ", v)", depth / 2 - 1), .int(1)),
        ]
    }()

    @Test(arguments: 0..<6)
    func deepExpressionsEvaluate(_ index: Int) async throws {
        let (source, expected) = Self.deep[index]
        let program = try CELProgram.compile(source)
        let result = await Task { program.evaluate(in: CELFakeContext()) }.value
        switch result {
        case .success(let value): #expect(CELFakeContext.same(value, expected))
        case .failure(let error): Issue.record("\(error.message)")
        }
    }
}
