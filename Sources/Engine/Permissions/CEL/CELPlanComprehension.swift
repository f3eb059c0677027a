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
