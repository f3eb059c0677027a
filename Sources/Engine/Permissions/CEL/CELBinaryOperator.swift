/// The strict two-operand operators, by cel-java function name.
enum CELBinaryOperator: String, Sendable {
    /// `a == b`.
    case equals = "_==_"
    /// `a != b`.
    case notEquals = "_!=_"
    /// `a < b`.
    case less = "_<_"
    /// `a <= b`.
    case lessEqual = "_<=_"
    /// `a > b`.
    case greater = "_>_"
    /// `a >= b`.
    case greaterEqual = "_>=_"
    /// `a + b`.
    case add = "_+_"
    /// `a - b`.
    case subtract = "_-_"
    /// `a * b`.
    case multiply = "_*_"
    /// `a / b`.
    case divide = "_/_"
    /// `a % b`.
    case modulo = "_%_"
    /// `a in b`.
    case inside = "@in"
    /// `a[b]`.
    case index = "_[_]"
}
