/// A variable a rule can read (permissions §3.1).
public enum CELVariable: String, CaseIterable, Sendable {
    /// The signed-in `$users` row (empty never-miss map when signed out).
    case auth
    /// The entity the check is about.
    case data
    /// Parameters from the query or the `ruleParams` transaction step.
    case ruleParams
    /// `time`, `modifiedFields`, `ip`, `origin` (§3.5).
    case request
    /// The buckets of `$rateLimits` (§3.7).
    case rateLimit
    /// The entity as it will be after the transaction.
    case newData
    /// The entity on the other side of a link.
    case linkedData
    /// `{"data": …, "linkedData": …}` of a link check.
    case actions

    /// The declared type (upstream `runtime-compiler-builder`).
    var type: CELType {
        switch self {
        case .auth, .data, .ruleParams, .newData, .linkedData, .actions: .object
        case .request: .request
        case .rateLimit: .map(.string, .rateLimitBucket)
        }
    }
}
