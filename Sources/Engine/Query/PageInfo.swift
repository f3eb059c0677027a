/// Page-info of one paginated top-level form (data-model §6.2, protocol-session §4.4).
public struct PageInfo: Sendable, Equatable {
    /// Cursor of the first returned row; nil for an empty page.
    public var startCursor: Triple?
    /// Cursor of the last returned row; nil for an empty page.
    public var endCursor: Triple?
    public var hasNextPage: Bool
    public var hasPreviousPage: Bool

    /// `{start-cursor, end-cursor, has-next-page?, has-previous-page?}` as the wire spells it.
    public var json: JSONValue {
        [
            "start-cursor": startCursor?.json ?? .null,
            "end-cursor": endCursor?.json ?? .null,
            "has-next-page?": .bool(hasNextPage),
            "has-previous-page?": .bool(hasPreviousPage),
        ]
    }
}
