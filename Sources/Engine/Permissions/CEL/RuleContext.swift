/// What a rule evaluation needs from the permission layer: the variable bindings of
/// the check, `ref` lookups in the store, and rate-limit buckets (permissions §3).
///
/// The evaluator calls it synchronously while evaluating one expression. Upstream
/// batches `ref` lookups across entities; a context may cache them.
public protocol RuleContext {
    /// The value of a variable for this check, or nil when the check leaves it
    /// unbound (permissions §6.2: `linkedData` of an entity that did not exist).
    /// Reading an unbound variable fails the evaluation unless short-circuited away.
    func value(of variable: CELVariable) -> CELValue?

    /// The values reached from entity `id` of namespace `etype` by following the
    /// dotted `path` of link labels ending in an attribute (permissions §3.4). The
    /// evaluator has already stripped `$user.` from `auth.ref` paths and returns `[]`
    /// itself when the map's `id` is null.
    func ref(etype: String, id: String, path: String) throws(CELEvaluationError) -> [CELValue]

    /// Consumes `tokens` of `bucket` for `key` (permissions §3.7): returns true, or
    /// throws an error whose `requestFailure` is the `rate-limited` error.
    func consumeRateLimit(bucket: String, key: CELValue, tokens: Int64) throws(CELEvaluationError) -> Bool
}

extension RuleContext {
    /// By default buckets never run out (a local server MAY skip rate limiting).
    public func consumeRateLimit(bucket: String, key: CELValue, tokens: Int64) throws(CELEvaluationError) -> Bool {
        true
    }
}
