/// Named bounds that keep compiling and evaluating a rule cheap whatever the input
/// (STYLE §4: every limit is a named constant).
///
/// Upstream (cel-java) bounds the source size and the parse depth; evaluation there
/// is unbounded. A local server runs rules from untrusted clients' rule documents in
/// its own process, so evaluation is bounded too: exceeding a bound is a CEL
/// evaluation error, which fails the check closed (permissions §8.3).
public enum CELLimits {
    /// Longest accepted source in Unicode scalars (cel-java `maxExpressionCodePointSize`).
    public static let maxSourceCodePoints = 100_000
    /// Highest accepted syntax tree, counting one level per operator, call, selection
    /// and literal nesting (cel-java `maxParseRecursionDepth`). `&&`/`||` chains are
    /// balanced as upstream does, so long chains of alternatives stay shallow.
    public static let maxExpressionHeight = 250
    /// Most comprehension iterations (all macros together) one evaluation may run.
    public static let maxIterations = 100_000
    /// Most elements a list built during evaluation may hold.
    public static let maxListLength = 100_000
    /// Most UTF-8 bytes a string or bytes value built during evaluation may hold.
    public static let maxStringBytes = 1 << 20
    /// Most type-check issues reported for one expression; later ones are dropped.
    public static let maxIssues = 50
}
