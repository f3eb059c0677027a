/// Who runs a query and how its result is filtered.
public struct QueryOptions: Sendable {
    /// Admin tokens may use `aggregate` (data-model §6.5).
    public var isAdmin: Bool
    /// Cardinality inference for the admin tree (protocol-http §5).
    public var inference: Bool
    /// Permission hook: whether an entity seen as a member of an etype may be returned.
    /// Nil (the admin default) skips the check entirely, so it costs nothing.
    public var canViewEntity: (@Sendable (EntityID, String) -> Bool)?
    /// Permission hook for single fields; a false answer drops that triple only.
    public var canViewField: (@Sendable (EntityID, Attr) -> Bool)?

    public init(
        isAdmin: Bool = true, inference: Bool = false,
        canViewEntity: (@Sendable (EntityID, String) -> Bool)? = nil,
        canViewField: (@Sendable (EntityID, Attr) -> Bool)? = nil
    ) {
        self.isAdmin = isAdmin
        self.inference = inference
        self.canViewEntity = canViewEntity
        self.canViewField = canViewField
    }
}
