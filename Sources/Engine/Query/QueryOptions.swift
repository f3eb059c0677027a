/// Who runs a query and how its result is filtered.
public struct QueryOptions: Sendable {
    /// Admin tokens may use `aggregate` (data-model §6.5).
    public var isAdmin: Bool
    /// Cardinality inference for the admin tree (protocol-http §5).
    public var inference: Bool
    /// Whose view and field rules filter the result (permissions §5). Nil (admin)
    /// skips permissions entirely, so admin queries pay nothing for them.
    public var viewer: RuleViewer?
    /// Collect one report per rule evaluation in `QueryResult.checkResults` (the
    /// dry-run endpoint, protocol-http §4.3).
    public var recordsChecks: Bool
    /// Record the index patterns read in `QueryResult.topics` (architecture §3.2). Only live
    /// queries need them; a one-shot query (`/admin/query`) turns them off and gets none.
    public var recordsTopics: Bool

    public init(
        isAdmin: Bool = true, inference: Bool = false, viewer: RuleViewer? = nil, recordsChecks: Bool = false,
        recordsTopics: Bool = true
    ) {
        self.isAdmin = isAdmin
        self.inference = inference
        self.viewer = viewer
        self.recordsChecks = recordsChecks
        self.recordsTopics = recordsTopics
    }
}
