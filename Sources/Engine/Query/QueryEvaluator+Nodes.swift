/// Building result nodes from the nested Datalog results of the child groups: the entity
/// group gives an entity's triples, each child form's group its linked entities.
extension QueryEvaluator {
    /// Runs the form's child groups once per entity (in the given order) and builds nodes.
    mutating func nodes(_ entities: [EntityID], _ compiled: CompiledForm, parent: EntityID?) -> [EntityNode] {
        let results = engine.evaluateChildren(compiled.childGroups, for: entities.map { .id($0) })
        return entities.map { node($0, compiled, results[.id($0)] ?? [], linkTriple: nil) }
    }

    /// One entity: `results[0]` is its entity group, `results[1...]` its child forms.
    mutating func node(
        _ entity: EntityID, _ compiled: CompiledForm, _ results: [DatalogNestedResult], linkTriple: Triple?
    ) -> EntityNode {
        let triples = entityTriples(entity, results.first?.rows ?? [], compiled)
        var children: [FormResult] = []
        for (i, child) in compiled.children.enumerated() {
            children.append(childResult(child, parent: entity, i + 1 < results.count ? results[i + 1] : nil))
        }
        return EntityNode(id: entity, triples: triples, linkTriple: linkTriple, children: children)
    }

    /// The entity group's triples, id first, minus fields the permission hook hides (§6.6).
    func entityTriples(_ entity: EntityID, _ rows: [DatalogRow], _ compiled: CompiledForm) -> [Triple] {
        var out: [Triple] = []
        out.reserveCapacity(rows.count)
        let idAttrID = compiled.idAttrID
        for row in rows {
            engine.arena.forEachBackwards(from: row.lastTriple) { t in
                if let permissions, !permissions.canViewField(entity, attrID: t.attr) { return }
                if t.attr == idAttrID { out.insert(t, at: 0) } else { out.append(t) }
            }
        }
        return out
    }

    /// A child form under one parent: the entities its group found, viewable ones only,
    /// sorted for the tree (§4.3, §6.4: never paginated). Each child's link triple is the
    /// one its row matched.
    mutating func childResult(_ compiled: CompiledForm, parent: EntityID, _ nested: DatalogNestedResult?) -> FormResult {
        let form = compiled.form
        var result = FormResult(form: form, entities: [], whereTriples: [], cursorTriples: [])
        guard let nested, !form.isMissing, let link = form.link else { return result }
        let linkAttr = link.attr.id
        let isForward = link.isForward
        let hasWhere = form.options.whereClause != nil
        var found: [EntityID] = []
        var triples: [EntityID: [Triple]] = [:]
        var links: [EntityID: Triple] = [:]
        var seen = Set<EntityID>()
        for row in nested.rows {
            guard let e = row[compiled.subject]?.entityID else { continue }
            if seen.insert(e).inserted { found.append(e) }
            if hasWhere { triples[e, default: []].append(contentsOf: engine.triples(of: row)) }
            engine.arena.forEachBackwards(from: row.lastTriple) { t in
                if links[e] == nil, Self.isLink(t, linkAttr, isForward, parent: parent, child: e) { links[e] = t }
            }
        }
        if permissions != nil { found = found.filter { canView($0, form.etype, row: triples[$0]) } }
        found = sorted(found, etype: form.etype, order: form.options.order)
        if hasWhere {
            for e in found { result.whereTriples.append(contentsOf: triples[e] ?? []) }
        }
        for child in found {
            result.entities.append(node(child, compiled, nested.children[.id(child)] ?? [], linkTriple: links[child]))
        }
        return result
    }

    /// Whether `t` is the stored link triple between parent and child for this hop.
    static func isLink(_ t: Triple, _ attr: EntityID, _ isForward: Bool, parent: EntityID, child: EntityID) -> Bool {
        guard t.attr == attr else { return false }
        return isForward ? t.entity == parent && t.value == .id(child) : t.entity == child && t.value == .id(parent)
    }
}
