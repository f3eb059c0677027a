/// What an entity or value position of a pattern holds (architecture §1.2, typed "named
/// patterns": each slot is tagged before anything else looks at it).
public enum DatalogTerm: Sendable {
    /// `_`: matches anything, binds nothing.
    case any
    /// `?x`: binds on first use, joins on every later one.
    case variable(DatalogVariable)
    /// A set of constants (a lone value is a one-element set; an empty set matches nothing).
    /// Entity positions hold `.id` values.
    case constant(Set<TripleValue>)
    /// A predicate on the value (or, for `$not`, on the entity id) instead of a constant.
    case function(DatalogFunction)

    /// The variable in this position, if any.
    var variable: DatalogVariable? {
        if case .variable(let v) = self { return v }
        return nil
    }
}

/// What the attr position of a pattern holds. Upstream allows constants and variables
/// only; attrs are named by id and resolved to store slots when evaluated.
public enum DatalogAttrTerm: Sendable {
    case any
    case variable(DatalogVariable)
    case constant(DatalogAttrSet)

    /// The variable in this position, if any.
    var variable: DatalogVariable? {
        if case .variable(let v) = self { return v }
        return nil
    }
}
