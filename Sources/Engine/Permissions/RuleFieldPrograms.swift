/// The field rules (`E.fields.<label>`, permissions §5.3) of one rule set by attr id, for
/// one catalogue version.
///
/// Why: a query checks every triple it returns against its attr's field rule; a list of
/// the few attrs that have one, built once per rules and catalogue version, answers that
/// without looking the attr up per query.
struct RuleFieldPrograms: Sendable {
    /// The catalogue version the attrs were resolved in.
    let catalogVersion: UInt64
    /// Each live attr with a field rule, and the rule.
    let programs: [(attr: EntityID, program: RuleProgram)]

    /// The field rules of `rules` over `catalog`'s live attrs (never `id`).
    init(_ rules: RuleSet, catalog: AttrCatalog) {
        catalogVersion = catalog.version
        var programs: [(attr: EntityID, program: RuleProgram)] = []
        for (etype, labels) in rules.fieldRuleLabels.sorted(by: { $0.key < $1.key }) {
            for attr in catalog.attrs(of: etype) where attr.label != "id" && labels.contains(attr.label) {
                if let program = rules.program(.field(etype: etype, label: attr.label)) {
                    programs.append((attr.id, program))
                }
            }
        }
        self.programs = programs
    }

    /// The field rule of the attr, if it has one.
    func program(for attr: EntityID) -> RuleProgram? {
        programs.first { $0.attr == attr }?.program
    }
}
