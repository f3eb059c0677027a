/// One pattern `[e a v]` (architecture §1.2). The index slot of upstream patterns is not
/// written by the caller: the engine picks the access path from which positions are
/// known when the pattern runs (`DatalogIndex`).
public struct DatalogPattern: Sendable {
    public var entity: DatalogTerm
    public var attr: DatalogAttrTerm
    public var value: DatalogTerm

    public init(_ entity: DatalogTerm, _ attr: DatalogAttrTerm, _ value: DatalogTerm) {
        self.entity = entity
        self.attr = attr
        self.value = value
    }

    /// Variables the pattern binds or joins on.
    var variables: [DatalogVariable] {
        [entity.variable, attr.variable, value.variable].compactMap { $0 }
    }
}

/// A clause of a pattern list (architecture §1.4).
public indirect enum DatalogClause: Sendable {
    case pattern(DatalogPattern)
    /// A sub-list joined exactly as if inlined.
    case and([DatalogClause])
    /// Branches matched in isolation (they see only `join` of the rows before them), then
    /// joined back on `join`; a row survives when at least one branch matched.
    case or([[DatalogClause]], join: DatalogVariable)
    /// A name the query used is unknown: nothing matches until the catalogue changes
    /// (architecture §2.2 step 4, §3.2 "missing attr"); its topic is `QueryTopic.schema`.
    case missingAttr

    /// Adds the variables every successful match of the clause binds to `bound`; a pattern
    /// (the usual clause) inserts its few variables without building a set first.
    func addBoundVariables(to bound: inout Set<Int>) {
        guard case .pattern(let p) = self else { return bound.formUnion(bindsVariables) }
        if let v = p.entity.variable { bound.insert(v.index) }
        if let v = p.attr.variable { bound.insert(v.index) }
        if let v = p.value.variable { bound.insert(v.index) }
    }

    /// Variables that every successful match of the clause binds.
    var bindsVariables: Set<Int> {
        switch self {
        case .pattern(let p): return Set(p.variables.map(\.index))
        case .and(let list): return list.reduce(into: Set<Int>()) { $0.formUnion($1.bindsVariables) }
        case .or(let branches, let join):
            let common = branches.map { $0.reduce(into: Set<Int>()) { $0.formUnion($1.bindsVariables) } }
            return common.dropFirst().reduce(common.first ?? []) { $0.intersection($1) }.union([join.index])
        case .missingAttr: return []
        }
    }
}
