/// One InstaQL form compiled to a nested Datalog group (architecture §2.2):
///
/// ```
/// id query           where patterns (+ listing at top level, + link from the parent below)
///   └ join ?subject → entity group  [?subject {cardinality-one attrs} _]
///                   → child forms'  groups, recursively
/// ```
struct CompiledForm: Sendable {
    var form: InstaQLForm
    /// `?<etype>-<level>`: the form's entities.
    var subject: DatalogVariable
    /// The where clause's patterns, on `subject`.
    var whereClauses: [DatalogClause]
    /// Top level: `[?e <etype>.id ?e]`, the entities listed in the etype (data-model §1.2).
    var listing: DatalogPattern?
    /// Child forms: the link pattern from the parent's subject (the enclosing join symbol).
    var link: DatalogPattern?
    /// The entity group's attrs (cardinality one, after `fields`).
    var entityAttrs: DatalogAttrSet
    /// The etype's `id` attr, when it has one.
    var idAttr: Attr?
    /// The groups that run once per selected entity: entity group first, then each child form.
    var childGroups: DatalogChildren
    var children: [CompiledForm]

    /// Everything that finds the form's entities: link, where, listing.
    var idClauses: [DatalogClause] {
        if form.isMissing { return [.missingAttr] }
        return (link.map { [.pattern($0)] } ?? []) + whereClauses + (listing.map { [.pattern($0)] } ?? [])
    }

    /// The whole subtree as one nested group.
    var group: DatalogGroup { DatalogGroup(clauses: idClauses, children: childGroups) }
}
