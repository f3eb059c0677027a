/// What one evaluation knows about each rule variable, stored inline: an evaluator is
/// made per check (once per entity in a query), so its caches must not allocate.
struct CELVariableStates {
    private var auth = CELEvaluator.VariableState.unfetched
    private var data = CELEvaluator.VariableState.unfetched
    private var ruleParams = CELEvaluator.VariableState.unfetched
    private var request = CELEvaluator.VariableState.unfetched
    private var rateLimit = CELEvaluator.VariableState.unfetched
    private var newData = CELEvaluator.VariableState.unfetched
    private var linkedData = CELEvaluator.VariableState.unfetched
    private var actions = CELEvaluator.VariableState.unfetched

    /// The state of one variable.
    subscript(variable: CELVariable) -> CELEvaluator.VariableState {
        get {
            switch variable {
            case .auth: auth
            case .data: data
            case .ruleParams: ruleParams
            case .request: request
            case .rateLimit: rateLimit
            case .newData: newData
            case .linkedData: linkedData
            case .actions: actions
            }
        }
        set {
            switch variable {
            case .auth: auth = newValue
            case .data: data = newValue
            case .ruleParams: ruleParams = newValue
            case .request: request = newValue
            case .rateLimit: rateLimit = newValue
            case .newData: newData = newValue
            case .linkedData: linkedData = newValue
            case .actions: actions = newValue
            }
        }
    }
}
