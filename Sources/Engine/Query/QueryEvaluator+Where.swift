/// Where evaluation by navigation from each candidate entity (data-model §5.4 semantics:
/// every hop is existential; `$isNull: true` and `$not` also hold when any prefix of the
/// path is empty or null).
extension QueryEvaluator {
    /// Whether `entity` satisfies the clause; nil clause means no filter.
    func matches(_ entity: EntityID, _ clause: WhereClause?) -> Bool {
        guard let clause else { return true }
        switch clause {
        case .all(let parts): return parts.allSatisfy { matches(entity, $0) }
        case .any(let parts): return parts.contains { matches(entity, $0) }
        case .nothing: return false
        case .idPrefix(let prefix): return entity.uuidString.filter { $0 != "-" }.hasPrefix(prefix)
        case .condition(let c): return holds(c, on: entity)
        }
    }

    /// One path condition.
    func holds(_ c: WhereCondition, on entity: EntityID) -> Bool {
        switch c.op {
        case .isNull(true):
            return isNullAlongPath(entity, c.path[...], c.target)
        case .isNull(false):
            return anyEnd(entity, c.path[...]) { !endValues($0, c.target).allSatisfy(\.isNull) }
        case .equals(let set):
            return anyEnd(entity, c.path[...]) { endValues($0, c.target).contains { set.contains($0) } }
        case .notEqual(let set):
            return anyEnd(entity, c.path[...]) { endValues($0, c.target).contains { !set.contains($0) } }
                || isNullAlongPath(entity, c.path[...], c.target)
        case .compare(let op, let operand):
            guard case .attr(let a) = c.target, let type = a.checkedDataType else { return false }
            return anyEnd(entity, c.path[...]) { x in
                endValues(x, c.target).contains { v in
                    TypedValue(stored: v.json, type: type).map { op.holds($0.compare(operand)) } ?? false
                }
            }
        case .like(let pattern):
            return anyEnd(entity, c.path[...]) { x in
                endValues(x, c.target).contains { v in v.json.stringValue.map(pattern.matches) ?? false }
            }
        }
    }

    /// Whether some entity at the end of the path satisfies `test`.
    func anyEnd(_ entity: EntityID, _ path: ArraySlice<LinkStep>, _ test: (EntityID) -> Bool) -> Bool {
        guard let step = path.first else { return test(entity) }
        return linked(entity, step).contains { anyEnd($0, path.dropFirst(), test) }
    }

    /// True when some prefix of the path has no value (§5.4 multi-segment `$isNull`).
    func isNullAlongPath(_ entity: EntityID, _ path: ArraySlice<LinkStep>, _ target: WhereTarget) -> Bool {
        guard let step = path.first else { return endValues(entity, target).allSatisfy(\.isNull) }
        let next = linked(entity, step)
        return next.isEmpty || next.contains { isNullAlongPath($0, path.dropFirst(), target) }
    }

    /// The values the last segment holds on one entity: attr values, or linked ids.
    func endValues(_ entity: EntityID, _ target: WhereTarget) -> [TripleValue] {
        switch target {
        case .attr(let a):
            guard let s = slot(a) else { return [] }
            return store.facts(of: entity, s).map(\.value)
        case .link(let step):
            return linked(entity, step).map { .id($0) }
        }
    }

    /// Every triple along the clause's paths from `entity`, so the client's local engine can
    /// re-run the filter (architecture §1.9). A superset is harmless.
    func collectWhereTriples(_ entity: EntityID, _ clause: WhereClause, into out: inout [Triple]) {
        switch clause {
        case .all(let parts), .any(let parts):
            for p in parts { collectWhereTriples(entity, p, into: &out) }
        case .nothing, .idPrefix:
            break
        case .condition(let c):
            collectPath(entity, c.path[...], c.target, into: &out)
        }
    }

    private func collectPath(_ entity: EntityID, _ path: ArraySlice<LinkStep>, _ target: WhereTarget, into out: inout [Triple]) {
        guard let step = path.first else {
            switch target {
            case .attr(let a):
                guard let s = slot(a) else { return }
                for f in store.facts(of: entity, s) {
                    out.append(Triple(entity: entity, attr: a.id, value: f.value, createdAt: f.createdAt))
                }
            case .link(let step):
                for next in linked(entity, step) {
                    if let t = linkTriple(from: entity, to: next, step) { out.append(t) }
                }
            }
            return
        }
        for next in linked(entity, step) {
            if let t = linkTriple(from: entity, to: next, step) { out.append(t) }
            if let idAttr = catalog.idAttr(step.targetEtype), let s = slot(idAttr), let f = store.fact(of: next, s) {
                out.append(Triple(entity: next, attr: idAttr.id, value: f.value, createdAt: f.createdAt))
            }
            collectPath(next, path.dropFirst(), target, into: &out)
        }
    }

    /// Topics for a where clause: any change to an attr on its paths can change the match
    /// set, except that a single-segment plain equality only cares about its own values.
    mutating func addWhereTopics(_ clause: WhereClause) {
        switch clause {
        case .all(let parts), .any(let parts):
            for p in parts { addWhereTopics(p) }
        case .nothing:
            topics.append(.anything)
        case .idPrefix:
            break
        case .condition(let c):
            for step in c.path { topics.append(QueryTopic(indexes: .all, entities: nil, attrs: [step.attr.id], values: nil)) }
            switch c.target {
            case .attr(let a):
                var values: Set<TripleValue>?
                if c.path.isEmpty, case .equals(let set) = c.op { values = set.rawValues }
                topics.append(QueryTopic(indexes: .all, entities: nil, attrs: [a.id], values: values))
            case .link(let step):
                topics.append(QueryTopic(indexes: .all, entities: nil, attrs: [step.attr.id], values: nil))
            }
        }
    }
}
