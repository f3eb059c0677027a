/// One selected entity with the triples the client needs and its child results.
public struct EntityNode: Sendable {
    public var id: EntityID
    /// The entity's cardinality-one triples for attrs of the form's etype (after `fields`), id first
    /// when present (data-model §6.6).
    public var triples: [Triple]
    /// For a child, the link triple that reached it from its parent (forward direction).
    public var linkTriple: Triple?
    /// One result per child form, in query order.
    public var children: [FormResult]
}
