/// A rule expression compiled once (parsed and type-checked) and evaluated many
/// times (issue #8: compiled once per rules version, not per evaluation).
public struct CELProgram: Sendable {
    /// The source text.
    public let source: String
    /// The checked syntax tree.
    public let expression: CELExpr
    /// The static type of the result (`dyn` for most rules).
    public let resultType: CELType
    /// The environment it was checked against.
    public let environment: CELEnvironment
    /// The evaluation form of `expression`.
    let plan: CELPlan

    /// Parses and checks `source` for a rule of `action` (by default the widest
    /// environment, `link`, which declares every variable).
    public static func compile(_ source: String, action: CELRuleAction = .link) throws(CELError) -> CELProgram {
        try compile(source, environment: .rule(action))
    }

    /// Parses and checks `source` against an explicit environment.
    public static func compile(_ source: String, environment: CELEnvironment) throws(CELError) -> CELProgram {
        let parsed = try CELParser.parse(source)
        let (checked, type) = try CELChecker.check(parsed, source: CELSource(source), environment: environment)
        return CELProgram(
            source: source, expression: checked, resultType: type, environment: environment, plan: .build(checked))
    }

    /// Evaluates the program: the result value, or the CEL error that reached it.
    public func evaluate(in context: any RuleContext) -> Result<CELValue, CELEvaluationError> {
        var evaluator = CELEvaluator(context: context)
        do {
            return .success(try evaluator.evaluate(plan))
        } catch {
            return .failure(error)
        }
    }

    /// Whether the rule passes: the result is neither `null` nor `false`
    /// (permissions §3), or the evaluation error that fails the check.
    public func passes(in context: any RuleContext) -> Result<Bool, CELEvaluationError> {
        evaluate(in: context).map(\.passesRule)
    }
}
