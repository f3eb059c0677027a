/// View and field rules for one query evaluation (permissions §5.1).
///
/// Lives for one `InstaQL.run` on one thread. Each (entity, etype) and (entity, field) is
/// decided once per evaluation. The first rule that cannot be evaluated is kept in
/// `failure`, every later check answers false (fail closed), and `InstaQL.run` throws it.
final class QueryRuleFilter {
    /// One field decision.
    private struct FieldKey: Hashable {
        var entity: EntityID
        var attr: EntityID
    }

    let state: AppState
    let rules: RuleSet
    let viewer: RuleViewer
    let auth: JSONObject?
    let ruleParams: JSONObject
    let now: Int64
    private var views: [EntityEtype: Bool] = [:]
    private var fields: [FieldKey: Bool] = [:]
    private var maps: [EntityEtype: JSONObject] = [:]
    /// The first evaluation failure.
    private(set) var failure: InstantError?
    /// Whether any rule was evaluated: its inputs (whole entity maps, `ref`, `auth`) are
    /// not covered by the query's own topics, so the live query must listen to every change.
    private(set) var evaluatedRule = false
    /// Dry-run reports (protocol-http §4.3), when asked for.
    var records: [JSONValue]?

    init(state: AppState, viewer: RuleViewer, ruleParams: JSONObject, now: Int64, recording: Bool) {
        self.state = state
        rules = viewer.rulesOverride ?? state.rules
        self.viewer = viewer
        auth = viewer.user.map { state.authMap(of: $0) }
        self.ruleParams = ruleParams
        self.now = now
        records = recording ? [] : nil
    }

    /// Whether the entity passes its etype's view rule.
    func canView(_ entity: EntityID, _ etype: String) -> Bool {
        let key = EntityEtype(entity, etype)
        if let known = views[key] { return known }
        let decision = decide(rules.program(etype: etype, action: .view), entity: entity, etype: etype, label: nil)
        views[key] = decision
        return decision
    }

    /// Whether one attribute of a viewable entity may be shown (`E.fields`, §5.3).
    func canViewField(_ entity: EntityID, _ attr: Attr) -> Bool {
        guard attr.label != "id", rules.hasFieldRules(attr.etype) else { return true }
        let key = FieldKey(entity: entity, attr: attr.id)
        if let known = fields[key] { return known }
        let program = rules.program(.field(etype: attr.etype, label: attr.label))
        let decision = program == nil ? true : decide(program, entity: entity, etype: attr.etype, label: attr.label)
        fields[key] = decision
        return decision
    }

    /// Whether every triple of a join row is viewable (§5.1 step 6): the entity owning it
    /// (the forward etype of its attr) passes view, and its field rule if any.
    func rowViewable(_ triples: [Triple]) -> Bool {
        for triple in triples {
            guard let attr = state.catalog[triple.attr] else { continue }
            guard canView(triple.entity, attr.etype), canViewField(triple.entity, attr) else { return false }
        }
        return true
    }

    /// Evaluates one rule for one entity, recording the decision for dry runs.
    private func decide(_ program: RuleProgram?, entity: EntityID, etype: String, label: String?) -> Bool {
        guard failure == nil else { return false }
        guard let program else {
            record(entity: entity, etype: etype, label: label, program: nil, result: .bool(true))
            return true
        }
        evaluatedRule = true
        let data = map(entity, etype)
        let bindings = RuleBindings(
            state: state, viewer: viewer, rules: rules, auth: auth, data: data, etype: etype, newData: nil,
            linkedData: nil, ruleParams: ruleParams, actions: nil, now: now)
        switch program.evaluate(in: bindings, showDetails: viewer.showsDetails) {
        case .success(let value):
            record(entity: entity, etype: etype, label: label, program: program, result: value.jsonValue)
            return value.passesRule
        case .failure(let error):
            failure = error
            return false
        }
    }

    /// The entity's full map (fetched even when the query used `fields`, §5.1 step 4).
    private func map(_ entity: EntityID, _ etype: String) -> JSONObject {
        let key = EntityEtype(entity, etype)
        if let known = maps[key] { return known }
        let built = state.ruleMap(of: entity, etype: etype)
        maps[key] = built
        return built
    }

    private func record(entity: EntityID, etype: String, label: String?, program: RuleProgram?, result: JSONValue) {
        guard records != nil else { return }
        let row = JSONObject([
            ("id", JSONValue(entity)), ("entity", .string(etype)), ("label", label.map { .string($0) } ?? .null),
            ("record", .object(map(entity, etype))), ("program", program?.json ?? .object(JSONObject())),
            ("check", result),
        ])
        records?.append(.object(row))
    }
}
