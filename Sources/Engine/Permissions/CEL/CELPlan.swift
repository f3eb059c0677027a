/// The evaluation form of a checked expression, built once per program: names are
/// resolved (locals, rule variables, type names), literals are values, and the
/// common operators have their own cases, so evaluating does no string dispatch for
/// them.
indirect enum CELPlan: Sendable {
    /// A literal or type name.
    case constant(CELValue)
    /// A rule variable, fetched from the context once per evaluation.
    case variable(CELVariable, offset: Int)
    /// A macro loop variable or `cel.bind` name.
    case local(String, offset: Int)
    /// `operand.field` / `has(operand.field)`.
    case select(CELPlan, field: String, testOnly: Bool, offset: Int)
    /// `a && b` (`isAnd`) or `a || b`.
    case logical(isAnd: Bool, CELPlan, CELPlan)
    /// `c ? a : b`.
    case conditional(CELPlan, CELPlan, CELPlan)
    /// `!a` or `-a`.
    case unary(CELUnaryOperator, CELPlan, offset: Int)
    /// A strict two-operand operator.
    case binary(CELBinaryOperator, CELPlan, CELPlan, offset: Int)
    /// Any other function, receiver first for methods.
    case call(String, [CELPlan], isMember: Bool, offset: Int)
    /// `[a, b, …]`.
    case list([CELPlan], offset: Int)
    /// `{k: v, …}`; each entry keeps its key's offset for errors.
    case map([(key: CELPlan, value: CELPlan, offset: Int)])
    /// A macro.
    case comprehension(CELPlanComprehension, offset: Int)
    /// An expression that always fails (a message literal the checker let through).
    case failure(CELEvaluationError)
}
