/// Path conditions (data-model §5.2–§5.4, architecture §2.3): a chain of link patterns,
/// one per hop, then the test at the end. `$not` and `$isNull: true` become an `or` whose
/// extra branches test every prefix of the path for a missing value.
extension InstaQLCompiler {
    mutating func compileCondition(
        _ c: WhereCondition, subject: DatalogVariable, etype: String, level: Int
    ) -> [DatalogClause] {
        switch c.op {
        case .isNull(true):
            return [.or(nullBranches(c, subject: subject, etype: etype, level: level), join: subject)]
        case .notEqual(let set):
            var branch = hops(c.path[...], from: subject, level: level)
            branch.clauses.append(notEqual(set, c.target, at: branch.end))
            return [.or([branch.clauses] + nullBranches(c, subject: subject, etype: etype, level: level), join: subject)]
        case .isNull(false):
            var chain = hops(c.path[...], from: subject, level: level)
            chain.clauses.append(nullTest(c.target, at: chain.end, etype: endEtype(c, etype), expectsNull: false))
            return chain.clauses
        case .equals(let set):
            var chain = hops(c.path[...], from: subject, level: level)
            chain.clauses.append(equals(set, c.target, at: chain.end))
            return chain.clauses
        case .compare(let op, let operand):
            guard case .attr(let attr) = c.target, let type = attr.checkedDataType else { return [.missingAttr] }
            var chain = hops(c.path[...], from: subject, level: level)
            chain.clauses.append(.pattern(DatalogPattern(.variable(chain.end), attrTerm([attr.id]), .function(.compare(op, operand, type)))))
            return chain.clauses
        case .like(let pattern):
            guard case .attr(let attr) = c.target else { return [.missingAttr] }
            var chain = hops(c.path[...], from: subject, level: level)
            chain.clauses.append(.pattern(DatalogPattern(.variable(chain.end), attrTerm([attr.id]), .function(.like(pattern)))))
            return chain.clauses
        }
    }

    /// One link pattern per hop, each binding a fresh variable one level deeper.
    mutating func hops(
        _ path: ArraySlice<LinkStep>, from start: DatalogVariable, level: Int
    ) -> (clauses: [DatalogClause], end: DatalogVariable) {
        var clauses: [DatalogClause] = []
        var current = start
        for (depth, step) in path.enumerated() {
            let next = variable(step.targetEtype, level: level + depth + 1)
            let attr = attrTerm([step.attr.id])
            clauses.append(
                .pattern(
                    step.isForward
                        ? DatalogPattern(.variable(current), attr, .variable(next))
                        : DatalogPattern(.variable(next), attr, .variable(current))))
            current = next
        }
        return (clauses, current)
    }

    /// `$isNull: true` on every prefix of the path (data-model §5.4): one branch per prefix.
    mutating func nullBranches(_ c: WhereCondition, subject: DatalogVariable, etype: String, level: Int) -> [[DatalogClause]] {
        var branches: [[DatalogClause]] = []
        for length in 0...c.path.count {
            var chain = hops(c.path.prefix(length), from: subject, level: level)
            let here = length == 0 ? etype : c.path[length - 1].targetEtype
            let segment: WhereTarget = length < c.path.count ? .link(c.path[length]) : c.target
            chain.clauses.append(nullTest(segment, at: chain.end, etype: here, expectsNull: true))
            branches.append(chain.clauses)
        }
        return branches
    }

    /// `[?x <etype>.id {$isNull: …}]`.
    func nullTest(_ target: WhereTarget, at entity: DatalogVariable, etype: String, expectsNull: Bool) -> DatalogClause {
        let test: NullTest
        switch target {
        case .attr(let attr): test = NullTest(attr: attr, isReverse: false, expectsNull: expectsNull)
        case .link(let step): test = NullTest(attr: step.attr, isReverse: !step.isForward, expectsNull: expectsNull)
        }
        let idAttrs = Set(catalog.idAttr(etype).map { [$0.id] } ?? [])
        return .pattern(DatalogPattern(.variable(entity), attrTerm(idAttrs), .function(.isNull(test))))
    }

    /// Equality at the end of a path: a constant set wherever the stored spelling is unique.
    func equals(_ set: ValueSet, _ target: WhereTarget, at x: DatalogVariable) -> DatalogClause {
        switch target {
        case .link(let step):
            let ids = set.rawValues ?? []
            return .pattern(
                step.isForward
                    ? DatalogPattern(.variable(x), attrTerm([step.attr.id]), .constant(ids))
                    : DatalogPattern(.constant(ids), attrTerm([step.attr.id]), .variable(x)))
        case .attr(let attr):
            if let raw = set.rawSpelling {
                return .pattern(DatalogPattern(.variable(x), attrTerm([attr.id]), .constant(raw)))
            }
            return .pattern(DatalogPattern(.variable(x), attrTerm([attr.id]), .function(.typedIn(set))))
        }
    }

    /// `$not` at the end of a path: the value (or, for a reverse link, the source) differs.
    func notEqual(_ set: ValueSet, _ target: WhereTarget, at x: DatalogVariable) -> DatalogClause {
        switch target {
        case .link(let step):
            return .pattern(
                step.isForward
                    ? DatalogPattern(.variable(x), attrTerm([step.attr.id]), .function(.notIn(set)))
                    : DatalogPattern(.function(.notIn(set)), attrTerm([step.attr.id]), .variable(x)))
        case .attr(let attr):
            return .pattern(DatalogPattern(.variable(x), attrTerm([attr.id]), .function(.notIn(set))))
        }
    }

    /// The etype at the end of a condition's path.
    func endEtype(_ c: WhereCondition, _ etype: String) -> String {
        c.path.last?.targetEtype ?? etype
    }
}

extension ValueSet {
    /// The stored values equal to the set, when each typed value has one stored spelling
    /// (JSON numbers already compare numerically); nil for dates, stored as text or numbers.
    var rawSpelling: Set<TripleValue>? {
        switch self {
        case .raw(let set):
            return set
        case .typed(let set, let type):
            guard type != .date else { return nil }
            return Set(
                set.compactMap { value -> TripleValue? in
                    switch value {
                    case .number(let d): TripleValue(.double(d))
                    case .string(let s): TripleValue(.string(s))
                    case .boolean(let b): TripleValue(.bool(b))
                    case .date: nil
                    }
                })
        }
    }
}
