/// A `cel.bind` value computed on first use, then remembered (cel-java evaluates
/// bind values lazily, so an unused bind never fails).
final class CELLazyBinding {
    /// The bind's value.
    let plan: CELPlan
    /// How many locals were in scope where the bind was declared.
    let scopeDepth: Int
    /// The outcome once evaluated.
    var result: Result<CELValue, CELEvaluationError>?

    /// A bind of `plan` declared with `scopeDepth` locals in scope.
    init(plan: CELPlan, scopeDepth: Int) {
        self.plan = plan
        self.scopeDepth = scopeDepth
    }
}
