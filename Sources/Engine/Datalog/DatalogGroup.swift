/// A nested pattern group (architecture §1.5): a pattern list whose child groups are
/// evaluated once per distinct value of `children.joinSymbol`, with the join symbol fixed
/// to that value. This is how InstaQL nesting stays "optional": a parent row never
/// disappears because a child group is empty.
public struct DatalogGroup: Sendable {
    public var clauses: [DatalogClause]
    public var children: DatalogChildren?

    public init(clauses: [DatalogClause], children: DatalogChildren? = nil) {
        self.clauses = clauses
        self.children = children
    }
}

/// The correlated child groups of a group.
public struct DatalogChildren: Sendable {
    /// A variable bound by the parent group; each child run sees only this binding.
    public var joinSymbol: DatalogVariable
    public var groups: [DatalogGroup]

    public init(joinSymbol: DatalogVariable, groups: [DatalogGroup]) {
        self.joinSymbol = joinSymbol
        self.groups = groups
    }
}

/// The result of one group run: its rows, and per join value one result per child group.
public struct DatalogNestedResult: Sendable {
    public var rows: [DatalogRow]
    /// Join value → results of the child groups, in group order.
    public var children: [TripleValue: [DatalogNestedResult]]
}
