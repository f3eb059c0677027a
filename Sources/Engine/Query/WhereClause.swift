/// A `where` object parsed into typed terms (data-model §5).
public indirect enum WhereClause: Sendable {
    /// Every member must hold (`and`, and the keys of one object).
    case all([WhereClause])
    /// At least one member must hold (`or`).
    case any([WhereClause])
    /// A condition on a path.
    case condition(WhereCondition)
    /// `$entityIdStartsWith`: the id's hex digits start with this lowercase prefix (§5.1).
    case idPrefix(String)
    /// The path names an unknown attr or link: nothing matches (§5.7, last row).
    case nothing
}

/// `path: operator` with every segment resolved.
public struct WhereCondition: Sendable {
    /// Link hops before the last segment (each existential).
    public var path: [LinkStep]
    /// What the last segment names.
    public var target: WhereTarget
    public var op: WhereOperator
    /// The query key as written, for topics and diagnostics.
    public var key: String
}

/// The last segment of a where path.
public enum WhereTarget: Sendable {
    /// A blob attr, including `id`.
    case attr(Attr)
    /// A link: values are the linked entity ids.
    case link(LinkStep)
}

/// The comparison applied at the end of a path (§5.3, §5.4).
public enum WhereOperator: Sendable {
    /// Some value at the end of the path is in the set (plain equality is a one-element set).
    case equals(ValueSet)
    /// Some value differs, or some prefix of the path is null (`$not`/`$ne`).
    case notEqual(ValueSet)
    /// `true`: some prefix of the path has no (non-null) value; `false`: some full path has one.
    case isNull(Bool)
    /// Typed comparison on an indexed typed attr; null never matches.
    case compare(ComparisonOperator, TypedValue)
    /// SQL LIKE with backslash escapes.
    case like(LikePattern)
}

/// `$gt`, `$gte`, `$lt`, `$lte`.
public enum ComparisonOperator: String, Sendable {
    case greaterThan = "$gt"
    case greaterThanOrEqual = "$gte"
    case lessThan = "$lt"
    case lessThanOrEqual = "$lte"

    func holds(_ order: TypedValue.Ordering) -> Bool {
        switch self {
        case .greaterThan: order == .greater
        case .greaterThanOrEqual: order != .less
        case .lessThan: order == .less
        case .lessThanOrEqual: order != .greater
        }
    }
}

/// Values an equality matches: raw JSON for untyped or unindexed attrs and links,
/// typed-domain values for indexed typed attrs (§5.2).
public enum ValueSet: Sendable, Hashable {
    case raw(Set<TripleValue>)
    case typed(Set<TypedValue>, Attr.CheckedDataType)

    /// Whether a stored value is in the set.
    func contains(_ stored: TripleValue) -> Bool {
        switch self {
        case .raw(let set): return set.contains(stored)
        case .typed(let set, let type):
            guard let v = TypedValue(stored: stored.json, type: type) else { return false }
            return set.contains(v)
        }
    }

    /// The raw values, when lookups can go straight to the value index.
    var rawValues: Set<TripleValue>? {
        if case .raw(let set) = self { return set }
        return nil
    }
}
