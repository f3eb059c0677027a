/// Compiles parsed InstaQL forms to Datalog (architecture §2.2–§2.3). Variables are
/// numbered across the whole query so one engine evaluates every form, and every `or`
/// branch gets fresh variables for its paths, so branches only share the form's subject.
struct InstaQLCompiler {
    let catalog: AttrCatalog
    /// Variables handed out so far (the width of every row).
    private(set) var variableCount = 0

    init(catalog: AttrCatalog) {
        self.catalog = catalog
    }

    /// A fresh variable.
    mutating func variable(_ etype: String, level: Int) -> DatalogVariable {
        defer { variableCount += 1 }
        return DatalogVariable(index: variableCount, name: "?\(etype)-\(level)")
    }

    /// A constant attr position, resolved against the catalogue now.
    func attrTerm(_ ids: Set<EntityID>) -> DatalogAttrTerm {
        .constant(DatalogAttrSet(ids, catalog: catalog))
    }

    /// Compiles every top-level form.
    mutating func compile(_ query: InstaQLQuery) -> [CompiledForm] {
        query.forms.map { compile($0, parent: nil, level: 0) }
    }

    /// One form and its children; `parent` is the enclosing form's subject (nil at the top).
    mutating func compile(_ form: InstaQLForm, parent: DatalogVariable?, level: Int) -> CompiledForm {
        let subject = variable(form.etype, level: level)
        var whereClauses: [DatalogClause] = []
        if !form.isMissing, let clause = form.options.whereClause {
            whereClauses = compileWhere(clause, subject: subject, etype: form.etype, level: level)
        }
        var listing: DatalogPattern?
        if parent == nil, let idAttr = catalog.idAttr(form.etype) {
            listing = DatalogPattern(.variable(subject), attrTerm([idAttr.id]), .variable(subject))
        }
        var link: DatalogPattern?
        if let parent, let step = form.link {
            link =
                step.isForward
                ? DatalogPattern(.variable(parent), attrTerm([step.attr.id]), .variable(subject))
                : DatalogPattern(.variable(subject), attrTerm([step.attr.id]), .variable(parent))
        }
        let children = form.children.map { compile($0, parent: subject, level: level + 1) }
        let attrs = DatalogAttrSet(entityAttrs(form), catalog: catalog)
        let entityGroup = DatalogGroup(clauses: [.pattern(DatalogPattern(.variable(subject), .constant(attrs), .any))])
        return CompiledForm(
            form: form, subject: subject, whereClauses: whereClauses, listing: listing, link: link, entityAttrs: attrs,
            idAttrID: catalog.idAttr(form.etype)?.id,
            childGroups: DatalogChildren(joinSymbol: subject, groups: [entityGroup] + children.map(\.group)),
            children: children)
    }

    /// The entity group's attrs: the etype's cardinality-one attrs, restricted by `fields`
    /// (which always keeps `id`, data-model §6.6).
    func entityAttrs(_ form: InstaQLForm) -> Set<EntityID> {
        let fields = form.options.fields.map { Set($0 + ["id"]) }
        return Set(
            catalog.attrs(of: form.etype).filter { $0.cardinality == .one && (fields?.contains($0.label) ?? true) }.map(\.id))
    }

    /// A where clause on `subject` (architecture §2.3).
    mutating func compileWhere(_ clause: WhereClause, subject: DatalogVariable, etype: String, level: Int) -> [DatalogClause] {
        switch clause {
        case .all(let parts):
            return [.and(parts.flatMap { compileWhere($0, subject: subject, etype: etype, level: level) })]
        case .any(let parts):
            return [.or(parts.map { compileWhere($0, subject: subject, etype: etype, level: level) }, join: subject)]
        case .nothing:
            return [.missingAttr]
        case .idPrefix(let prefix):
            guard let idAttr = catalog.idAttr(etype) else { return [.missingAttr] }
            return [.pattern(DatalogPattern(.variable(subject), attrTerm([idAttr.id]), .function(.entityIDPrefix(prefix))))]
        case .condition(let condition):
            return compileCondition(condition, subject: subject, etype: etype, level: level)
        }
    }
}
