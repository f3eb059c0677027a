/// A function in a query topic's value slot (architecture §3.2, §3.4): a change matches
/// only when its value passes, so a write that neither enters nor leaves a `$gt`, `$like`,
/// `$not` or typed-equality filter does not refresh the query. The same predicates decide
/// Datalog matches (`DatalogEngine.passes`), so topics and results can never disagree.
public enum TopicValueTest: Sendable, Hashable {
    /// `$not`: the value is outside the set.
    case notIn(ValueSet)
    /// Typed equality: the value is in the set, compared in the type's domain.
    case oneOf(ValueSet)
    /// `$gt`/`$gte`/`$lt`/`$lte` in the type's domain; null never passes.
    case compare(ComparisonOperator, TypedValue, Attr.CheckedDataType)
    /// `$like`/`$ilike` on string values.
    case like(LikePattern)

    /// Whether a stored value passes.
    public func holds(_ value: TripleValue) -> Bool {
        switch self {
        case .notIn(let set): !set.contains(value)
        case .oneOf(let set): set.contains(value)
        case .compare(let op, let operand, let type):
            TypedValue(stored: value.json, type: type).map { op.holds($0.compare(operand)) } ?? false
        case .like(let pattern): value.json.stringValue.map(pattern.matches) ?? false
        }
    }

    /// A short name for logs.
    var name: String {
        switch self {
        case .notIn: "$not"
        case .oneOf: "$in"
        case .compare(let op, _, _): op.rawValue
        case .like: "$like"
        }
    }
}
