/// The evaluated query: per-form results and the index patterns it read.
///
/// One evaluation feeds every encoding (admin tree, socket node array) and invalidation
/// (topics), so the three can never disagree.
public struct QueryResult: Sendable {
    public var forms: [FormResult]
    /// What the result depends on (architecture §3.2); a change matching none cannot alter it.
    public var topics: [QueryTopic]
    /// Attrs by id, covering every triple in the result, for labels in the tree.
    public var attrs: [EntityID: Attr]
    /// One report per permission rule evaluated, when `QueryOptions.recordsChecks`.
    public var checkResults: [JSONValue] = []
}
