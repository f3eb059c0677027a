/// The one-operand operators.
enum CELUnaryOperator: String, Sendable {
    /// `!a` on booleans.
    case not = "!_"
    /// `-a` on ints and doubles.
    case negate = "-_"
}
