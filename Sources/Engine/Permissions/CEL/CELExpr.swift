/// A parsed CEL expression: a typed syntax tree (STYLE §8: parse into typed terms first).
///
/// Macros are kept as their own nodes (`comprehension`) rather than expanded into
/// cel-java's generic fold, which keeps evaluation linear; `has(x.f)` is a test-only
/// selection as upstream. After checking, qualified function names are resolved
/// (`math.abs(x)` becomes a global call of `math.abs`).
public struct CELExpr: Equatable, Sendable {
    /// The node's shape.
    public indirect enum Kind: Equatable, Sendable {
        /// A literal.
        case constant(CELConstant)
        /// A variable, a local of a macro or `cel.bind`, or a type name.
        case identifier(String)
        /// `operand.field`; `testOnly` marks `has(operand.field)`.
        case select(operand: CELExpr, field: String, testOnly: Bool)
        /// A function or operator call. Operators use cel-java's names (`_+_`,
        /// `_[_]`, `@in`, `!_`, `-_`, `_?_:_`, `_&&_`, `_||_`); `target` is the receiver
        /// of a method call.
        case call(function: String, target: CELExpr?, arguments: [CELExpr])
        /// `[a, b, …]`.
        case list([CELExpr])
        /// `{k: v, …}`.
        case map([CELMapEntry])
        /// `Name{field: value, …}` (no message types are declared in rules, so the
        /// checker rejects it; it parses because it is CEL syntax).
        case message(name: String, fields: [CELMessageField])
        /// A macro: `all`, `exists`, `exists_one`, `map`, `filter`, `cel.bind`.
        case comprehension(CELComprehension)
    }

    /// Unique id within one parse, for issues and debugging.
    public var id: Int
    /// Offset of the node's token in the source (in Unicode scalars).
    public var offset: Int
    /// One more than the highest child; bounded by `CELLimits.maxExpressionHeight`.
    public var height: Int
    /// The node's shape.
    public var kind: Kind

    /// A node; the parser computes `height` from the children.
    public init(id: Int, offset: Int, height: Int, kind: Kind) {
        self.id = id
        self.offset = offset
        self.height = height
        self.kind = kind
    }
}

extension CELExpr {
    /// The children of this node, in evaluation order.
    public var children: [CELExpr] {
        switch kind {
        case .constant, .identifier: []
        case .select(let operand, _, _): [operand]
        case .call(_, let target, let arguments): (target.map { [$0] } ?? []) + arguments
        case .list(let elements): elements
        case .map(let entries): entries.flatMap { [$0.key, $0.value] }
        case .message(_, let fields): fields.map(\.value)
        case .comprehension(let comprehension): comprehension.children
        }
    }

    /// This node and all its descendants, parents first (iterative, so deep trees
    /// cannot exhaust the stack).
    public var allNodes: [CELExpr] {
        var result: [CELExpr] = []
        var stack = [self]
        while let node = stack.popLast() {
            result.append(node)
            stack.append(contentsOf: node.children.reversed())
        }
        return result
    }

    /// The dotted name this selection chain spells (`a.b.c`), or nil when it is not
    /// a plain chain of identifiers (cel-java `asQualifiedName`).
    var qualifiedName: String? {
        switch kind {
        case .identifier(let name): return name
        case .select(let operand, let field, false):
            guard let prefix = operand.qualifiedName else { return nil }
            return prefix + "." + field
        default: return nil
        }
    }
}
