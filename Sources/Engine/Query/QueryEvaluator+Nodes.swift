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
        let triples = entityTriples(entity, results.first?.rows ?? [])
        var children: [FormResult] = []
        for (i, child) in compiled.children.enumerated() {
            children.append(childResult(child, parent: entity, i + 1 < results.count ? results[i + 1] : nil))
        }
        return EntityNode(id: entity, triples: triples, linkTriple: linkTriple, children: children)
    }

    /// The entity group's triples, id first, minus fields the permission hook hides (§6.6).
    mutating func entityTriples(_ entity: EntityID, _ rows: [DatalogRow]) -> [Triple] {
        var out: [Triple] = []
        for row in rows {
            for t in row.triples {
                guard let a = catalog[t.attr] else { continue }
                if let check = options.canViewField, !check(entity, a) { continue }
                attrs[a.id] = a
                if a.isIDAttr { out.insert(t, at: 0) } else { out.append(t) }
            }
        }
        return out
    }

    /// A child form under one parent: the entities its group found, viewable ones only,
    /// sorted for the tree (§4.3, §6.4: never paginated).
    mutating func childResult(_ compiled: CompiledForm, parent: EntityID, _ nested: DatalogNestedResult?) -> FormResult {
        let form = compiled.form
        var result = FormResult(form: form, entities: [], whereTriples: [], cursorTriples: [])
        guard let nested, !form.isMissing, let link = form.link else { return result }
        attrs[link.attr.id] = link.attr
        var found: [EntityID] = []
        var triples: [EntityID: [Triple]] = [:]
        for row in nested.rows {
            guard let e = row[compiled.subject]?.entityID else { continue }
            if triples[e] == nil { found.append(e) }
            triples[e, default: []].append(contentsOf: row.triples)
        }
        if options.canViewEntity != nil { found = found.filter { canView($0, form.etype) } }
        found = sorted(found, etype: form.etype, order: form.options.order)
        if form.options.whereClause != nil {
            for e in found { result.whereTriples.append(contentsOf: triples[e] ?? []) }
        }
        for child in found {
            let linkTriple = linkTriple(from: parent, to: child, link)
            result.entities.append(node(child, compiled, nested.children[.id(child)] ?? [], linkTriple: linkTriple))
        }
        return result
    }

    /// The forward triple of a hop from `from` to `to`.
    func linkTriple(from: EntityID, to: EntityID, _ step: LinkStep) -> Triple? {
        let (source, target) = step.isForward ? (from, to) : (to, from)
        guard let s = slot(step.attr), let fact = store.facts(of: source, s).first(where: { $0.value == .id(target) })
        else { return nil }
        return Triple(entity: source, attr: step.attr.id, value: fact.value, createdAt: fact.createdAt)
    }
}
