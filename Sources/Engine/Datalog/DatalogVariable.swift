/// A logic variable `?name` (architecture §1.3), numbered densely within one compiled query
/// so a row of bindings is a plain array indexed by `index`.
public struct DatalogVariable: Hashable, Sendable, CustomStringConvertible {
    /// Position in a row's bindings.
    public let index: Int
    /// `?<etype>-<level>` and friends, for plans and failure messages only.
    public let name: String

    public init(index: Int, name: String) {
        self.index = index
        self.name = name
    }

    public var description: String { name }

    public static func == (lhs: DatalogVariable, rhs: DatalogVariable) -> Bool { lhs.index == rhs.index }
    public func hash(into hasher: inout Hasher) { hasher.combine(index) }
}
