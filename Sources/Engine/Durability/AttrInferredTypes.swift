/// The inferred types one attr has after a transaction.
public struct AttrInferredTypes: Sendable, Equatable {
    /// The attr.
    public var attr: EntityID
    /// Its inferred types after the transaction.
    public var types: InferredTypes

    /// Pairs an attr with its types.
    public init(attr: EntityID, types: InferredTypes) {
        self.attr = attr
        self.types = types
    }
}
