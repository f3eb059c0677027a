/// One `field: value` initializer of a message literal.
public struct CELMessageField: Equatable, Sendable {
    /// The field name.
    public var name: String
    /// The value expression.
    public var value: CELExpr
}
