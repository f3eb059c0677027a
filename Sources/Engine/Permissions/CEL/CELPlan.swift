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

/// A macro in evaluation form (see `CELComprehension`).
enum CELPlanComprehension: Sendable {
    /// `all` (`isAll`) or `exists`.
    case fold(isAll: Bool, variable: String, range: CELPlan, predicate: CELPlan)
    /// `exists_one`.
    case existsOne(variable: String, range: CELPlan, predicate: CELPlan)
    /// `map`, with an optional filter.
    case map(variable: String, range: CELPlan, filter: CELPlan?, transform: CELPlan)
    /// `filter`.
    case filter(variable: String, range: CELPlan, predicate: CELPlan)
    /// `cel.bind`.
    case bind(variable: String, value: CELPlan, body: CELPlan)
}

/// The one-operand operators.
enum CELUnaryOperator: String, Sendable {
    /// `!a` on booleans.
    case not = "!_"
    /// `-a` on ints and doubles.
    case negate = "-_"
}

/// The strict two-operand operators, by cel-java function name.
enum CELBinaryOperator: String, Sendable {
    case equals = "_==_"
    case notEquals = "_!=_"
    case less = "_<_"
    case lessEqual = "_<=_"
    case greater = "_>_"
    case greaterEqual = "_>=_"
    case add = "_+_"
    case subtract = "_-_"
    case multiply = "_*_"
    case divide = "_/_"
    case modulo = "_%_"
    case inside = "@in"
    case index = "_[_]"
}
