/// The function forms a pattern slot may hold (architecture §1.2), limited to what
/// InstaQL compiles to. Each is a predicate evaluated while matching; none can be looked
/// up in a hash index, so the planner prices them as a scan unless the entity is bound.
public enum DatalogFunction: Sendable {
    /// `{$not: x}`: the value (in the entity slot: the entity id) is not in the set.
    case notIn(ValueSet)
    /// Equality in a checked type's domain (indexed typed attrs, data-model §5.2), for
    /// types whose stored form has several spellings (dates as ISO text or epoch ms).
    case typedIn(ValueSet)
    /// `{$comparator: {op, value, data-type}}`: typed comparison; null never matches.
    case compare(ComparisonOperator, TypedValue, Attr.CheckedDataType)
    /// `$like` / `$ilike` on string values.
    case like(LikePattern)
    /// `{$isNull: …}`: placed on an etype's id attr, it tests the entity, not the value
    /// (see `NullTest`).
    case isNull(NullTest)
    /// `{$entityIdStartsWith: prefix}`: the entity id's hex digits start with the prefix.
    case entityIDPrefix(String)
}

/// The `$isNull` test of architecture §1.2: whether an entity has no (or has a)
/// non-null value for an attr, where for a reverse link "has a value" means "is the
/// target of such a ref".
public struct NullTest: Sendable {
    /// The attr tested.
    public var attr: Attr
    /// For refs: true when the entity is on the target side (reverse label).
    public var isReverse: Bool
    /// `nil? = true`: the test holds when there is no value.
    public var expectsNull: Bool

    public init(attr: Attr, isReverse: Bool, expectsNull: Bool) {
        self.attr = attr
        self.isReverse = isReverse
        self.expectsNull = expectsNull
    }
}
