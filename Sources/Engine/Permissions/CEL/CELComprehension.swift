/// A macro application (CEL language definition, "Macros"; bindings extension).
///
/// Each case keeps the pieces of the macro; the evaluator gives them cel-java's
/// semantics (`all` folds with `&&`, `exists` with `||`, both absorbing errors;
/// `exists_one`, `map` and `filter` are strict; `cel.bind` evaluates its value lazily,
/// once, on first use).
public enum CELComprehension: Equatable, Sendable {
    /// `range.all(variable, predicate)`.
    case all(variable: String, range: CELExpr, predicate: CELExpr)
    /// `range.exists(variable, predicate)`.
    case exists(variable: String, range: CELExpr, predicate: CELExpr)
    /// `range.exists_one(variable, predicate)`.
    case existsOne(variable: String, range: CELExpr, predicate: CELExpr)
    /// `range.map(variable, transform)` or `range.map(variable, filter, transform)`.
    case map(variable: String, range: CELExpr, filter: CELExpr?, transform: CELExpr)
    /// `range.filter(variable, predicate)`.
    case filter(variable: String, range: CELExpr, predicate: CELExpr)
    /// `cel.bind(variable, value, body)`.
    case bind(variable: String, value: CELExpr, body: CELExpr)

    /// The sub-expressions, in source order.
    public var children: [CELExpr] {
        switch self {
        case .all(_, let range, let predicate), .exists(_, let range, let predicate),
            .existsOne(_, let range, let predicate), .filter(_, let range, let predicate):
            [range, predicate]
        case .map(_, let range, let filter, let transform):
            [range] + (filter.map { [$0] } ?? []) + [transform]
        case .bind(_, let value, let body): [value, body]
        }
    }
}
