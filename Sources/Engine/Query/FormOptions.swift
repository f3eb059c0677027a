/// The validated `$` options of one form (data-model §4.2).
public struct FormOptions: Sendable {
    /// Filter, or nil for "every entity".
    public var whereClause: WhereClause?
    /// Explicit order; nil means serverCreatedAt ascending.
    public var order: QueryOrder?
    /// Page size from `limit`, `first` or `last`.
    public var limit: Int?
    /// The page size came from `last` (take the tail of the ordering).
    public var isLast = false
    public var offset: Int?
    public var after: QueryCursor?
    public var before: QueryCursor?
    public var afterInclusive = false
    public var beforeInclusive = false
    /// `aggregate: "count"` (admin only, §6.5).
    public var isCountAggregate = false
    /// Requested field labels, nil for all (§6.6).
    public var fields: [String]?

    public init() {}

    /// Whether the form gets page-info: any pagination option or an explicit order (§6.2).
    public var isPaginated: Bool {
        limit != nil || offset != nil || after != nil || before != nil || order != nil
    }
}

/// A resolved ordering key and direction (data-model §6.1).
public struct QueryOrder: Sendable, Equatable {
    /// What the rows are ordered by.
    public enum Key: Sendable, Equatable {
        /// The `t` of the id triple.
        case serverCreatedAt
        /// A blob attr's value; top-level ones are indexed, typed and cardinality one.
        case attr(Attr)
        /// A nested order on a label that is not a blob attr of the etype: ignored by everyone.
        case unknown(String)
    }

    public var key: Key
    public var isDescending: Bool
}

/// A page cursor `[e, a, v, t]` as the client sent it (data-model §6.3).
public struct QueryCursor: Sendable, Equatable {
    public var entity: EntityID?
    public var attr: EntityID
    public var value: JSONValue
    /// Missing for 3-element cursors.
    public var createdAt: Int64?
}
