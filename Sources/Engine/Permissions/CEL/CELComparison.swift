/// How two values order for `<`, `<=`, `>`, `>=`.
enum CELComparison: Equatable {
    /// Negative, zero or positive like `compareTo`.
    case ordered(Int)
    /// Comparable kinds, but a NaN makes every comparison false.
    case unordered
    /// No comparison overload for these kinds (an evaluation error).
    case incomparable
}
