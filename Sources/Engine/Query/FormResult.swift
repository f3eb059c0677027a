/// The evaluated result of one form: its entities in result order, page-info and count.
public struct FormResult: Sendable {
    public var form: InstaQLForm
    /// Top level: in order and paginated. Children: sorted by the child order for tree building.
    public var entities: [EntityNode]
    /// Only for paginated top-level forms.
    public var pageInfo: PageInfo?
    /// Only for `aggregate: "count"` forms.
    public var count: Int?
    /// Triples along `where` paths of the selected entities, so the client can re-run the
    /// filter locally (architecture §1.9).
    public var whereTriples: [Triple]
    /// Page cursor triples that are real triples (order-attr values).
    public var cursorTriples: [Triple]
}
