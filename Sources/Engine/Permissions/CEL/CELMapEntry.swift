/// One `key: value` entry of a map literal.
public struct CELMapEntry: Equatable, Sendable {
    /// The key expression.
    public var key: CELExpr
    /// The value expression.
    public var value: CELExpr
}
