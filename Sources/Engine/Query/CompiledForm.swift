/// One InstaQL form compiled to a nested Datalog group (architecture §2.2):
///
/// ```
/// id query           where patterns (+ listing at top level, + link from the parent below)
///   └ join ?subject → entity group  [?subject {cardinality-one attrs} _]
///                   → child forms'  groups, recursively
/// ```
final class CompiledForm: Sendable {
    let form: InstaQLForm
    /// `?<etype>-<level>`: the form's entities.
    let subject: DatalogVariable
    /// The where clause's patterns, on `subject`.
    let whereClauses: [DatalogClause]
    /// Top level: `[?e <etype>.id ?e]`, the entities listed in the etype (data-model §1.2).
    let listing: DatalogPattern?
    /// Child forms: the link pattern from the parent's subject (the enclosing join symbol).
    let link: DatalogPattern?
    /// The entity group's attrs (cardinality one, after `fields`).
    let entityAttrs: DatalogAttrSet
    /// The etype's `id` attr, when it has one.
    let idAttrID: EntityID?
    /// The groups that run once per selected entity: entity group first, then each child form.
    let childGroups: DatalogChildren
    let children: [CompiledForm]
    /// Everything that finds the form's entities: link, where, listing. Built once here, as
    /// every evaluation of the form reads it.
    let idClauses: [DatalogClause]

    init(
        form: InstaQLForm, subject: DatalogVariable, whereClauses: [DatalogClause], listing: DatalogPattern?,
        link: DatalogPattern?, entityAttrs: DatalogAttrSet, idAttrID: EntityID?, childGroups: DatalogChildren,
        children: [CompiledForm]
    ) {
        self.form = form
        self.subject = subject
        self.whereClauses = whereClauses
        self.listing = listing
        self.link = link
        self.entityAttrs = entityAttrs
        self.idAttrID = idAttrID
        self.childGroups = childGroups
        self.children = children
        if form.isMissing {
            idClauses = [.missingAttr]
        } else {
            idClauses = (link.map { [.pattern($0)] } ?? []) + whereClauses + (listing.map { [.pattern($0)] } ?? [])
        }
    }

    /// The whole subtree as one nested group.
    var group: DatalogGroup { DatalogGroup(clauses: idClauses, children: childGroups) }
}
