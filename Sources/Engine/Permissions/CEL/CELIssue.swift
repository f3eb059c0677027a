/// One problem found while compiling a CEL expression, with where it is.
///
/// Upstream reports these as `CelIssue`s; the rule validation errors of
/// permissions §9 carry only `message`, the position is for humans.
public struct CELIssue: Equatable, Sendable {
    /// The text upstream's `CelIssue.getMessage()` returns, e.g.
    /// `undeclared reference to 'newData' (in container '')`.
    public var message: String
    /// Offset of the offending token in Unicode scalars from the start of the source.
    public var offset: Int
    /// 1-based line of the offending token.
    public var line: Int
    /// 0-based column (in Unicode scalars) of the offending token on its line.
    public var column: Int

    /// An issue at an explicit position.
    public init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// An issue located by offset alone, resolving line and column against `source`.
    init(message: String, offset: Int, in source: CELSource) {
        let (line, column) = source.lineAndColumn(of: offset)
        self.init(message: message, offset: offset, line: line, column: column)
    }
}
