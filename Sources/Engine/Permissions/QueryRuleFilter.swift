/// View and field rules for one query evaluation (permissions §5.1).
///
/// Lives for one `InstaQL.run` on one thread. Each (entity, etype) and (entity, field) is
/// decided once per evaluation. The first rule that cannot be evaluated is kept in
/// `failure`, every later check answers false (fail closed), and `InstaQL.run` throws it.
///
/// The filter is itself the rules' context: before each evaluation it points at the
/// entity being checked, and builds that entity's map only if the rule reads `data`.
final class QueryRuleFilter: RuleContext {
    /// One field decision.
    private struct FieldKey: Hashable {
        var entity: EntityID
        var attr: EntityID
    }

    let state: AppState
    let rules: RuleSet
    let viewer: RuleViewer
    /// The `auth` binding, built on first read (many rules never read it).
    private lazy var auth: CELValue = .auth(viewer.user.map { state.authMap(of: $0) })
    /// `auth` for rules that read only `auth.id`: no need to load the user's row.
    private lazy var authID: CELValue = .map(
        CELMap(members: viewer.user.map { [("id", JSONValue($0))] } ?? [], refTarget: .auth))
    /// The `ruleParams` binding.
    private let ruleParams: CELValue
    let now: Int64
    private var fields: [FieldKey: Bool] = [:]
    /// View programs by etype (nil program: no rule, the check passes), each with its
    /// decisions by entity. A query touches a few etypes, so they are searched in order
    /// rather than hashed, and the decisions are keyed by the entity alone.
    private var viewPrograms: [(etype: String, program: RuleProgram?, decisions: [EntityID: Bool])] = []
    /// The index in `viewPrograms` last looked up: queries ask for one etype many times
    /// in a row.
    private var lastView = -1
    /// The etype of each attr a join row held (`rowViewable`), searched in order.
    private var rowEtypes: [(attr: EntityID, etype: String?)] = []
    /// The field rules by attr id (`RuleSet.fieldPrograms`).
    private let fieldPrograms: RuleFieldPrograms
    /// The entity the next evaluation is about.
    private var current = EntityEtype(EntityID(high: 0, low: 0), "")
    /// Its full map, once built.
    private var currentMap: JSONObject?
    /// The program being evaluated.
    private var currentProgram: RuleProgram?
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
        fieldPrograms = rules.fieldPrograms(in: state.catalog)
        self.viewer = viewer
        self.ruleParams = .object(ruleParams)
        self.now = now
        records = recording ? [] : nil
    }

    /// Whether the entity passes its etype's view rule.
    func canView(_ entity: EntityID, _ etype: String) -> Bool {
        let index = viewIndex(etype)
        let program = viewPrograms[index].program
        // A literal rule (or none) needs no memo and no data; dry runs record every check.
        if records == nil, program?.constantPasses != nil || program == nil {
            return failure == nil && (program?.constantPasses ?? true)
        }
        if let known = viewPrograms[index].decisions[entity] { return known }
        let decision = decide(program, EntityEtype(entity, etype), label: nil)
        viewPrograms[index].decisions[entity] = decision
        return decision
    }

    /// The index of `etype`'s view program, looked up once per query.
    private func viewIndex(_ etype: String) -> Int {
        if lastView >= 0, viewPrograms[lastView].etype == etype { return lastView }
        if let known = viewPrograms.firstIndex(where: { $0.etype == etype }) {
            lastView = known
        } else {
            viewPrograms.append((etype, rules.program(etype: etype, action: .view), [:]))
            lastView = viewPrograms.count - 1
        }
        return lastView
    }

    /// Whether one attribute of a viewable entity may be shown (`E.fields`, §5.3).
    /// Takes the attr's id: most attrs have no field rule, and the rules' list of attrs
    /// that do answers without looking the attr up.
    func canViewField(_ entity: EntityID, attrID: EntityID) -> Bool {
        guard let program = fieldPrograms.program(for: attrID) else { return true }
        let key = FieldKey(entity: entity, attr: attrID)
        if let known = fields[key] { return known }
        // A field program's etype is its attr's, and its action the attr's label.
        let decision = decide(program, EntityEtype(entity, program.etype), label: program.action)
        if fields.isEmpty { fields.reserveCapacity(16) }
        fields[key] = decision
        return decision
    }

    /// Whether every triple of a join row is viewable (§5.1 step 6): the entity owning it
    /// (the forward etype of its attr) passes view, and its field rule if any.
    func rowViewable(_ triples: [Triple]) -> Bool {
        for triple in triples {
            guard let etype = rowEtype(triple.attr) else { continue }
            guard canView(triple.entity, etype), canViewField(triple.entity, attrID: triple.attr) else { return false }
        }
        return true
    }

    /// The forward etype of a live attr, looked up once per query.
    private func rowEtype(_ attr: EntityID) -> String? {
        if let known = rowEtypes.first(where: { $0.attr == attr }) { return known.etype }
        let etype = state.catalog[attr]?.etype
        rowEtypes.append((attr, etype))
        return etype
    }

    /// Evaluates one rule for one entity, recording the decision for dry runs.
    private func decide(_ program: RuleProgram?, _ key: EntityEtype, label: String?) -> Bool {
        guard failure == nil else { return false }
        guard let program else {
            if records != nil { record(key, label: label, program: nil, result: .bool(true)) }
            return true
        }
        if current != key {
            current = key
            currentMap = nil
        }
        if program.constant == nil { evaluatedRule = true }
        currentProgram = program
        defer { currentProgram = nil }
        switch program.evaluate(in: self, showDetails: viewer.showsDetails) {
        case .success(let value):
            if records != nil { record(key, label: label, program: program, result: value.jsonValue) }
            return value.passesRule
        case .failure(let error):
            failure = error
            return false
        }
    }

    /// The current entity's full map (fetched even when the query used `fields`, §5.1 step 4).
    private var data: JSONObject {
        if let currentMap { return currentMap }
        var built = state.ruleMap(of: current.entity, etype: current.etype)
        if !built.isEmpty, built["id"] == nil { built["id"] = JSONValue(current.entity) }
        currentMap = built
        return built
    }

    /// `data` for the program being evaluated: the cached full map, else only the members
    /// the program reads when it reads only named ones, else the full map (then cached).
    private var dataBinding: CELValue {
        if currentMap == nil, let slots = currentProgram?.fieldSlots(etype: current.etype, in: state) {
            let members = state.ruleMembers(of: current.entity, only: slots)
            return .map(CELMap(members: members, refTarget: .entity(etype: current.etype)))
        }
        return .entity(data, etype: current.etype)
    }

    func value(of variable: CELVariable) -> CELValue? {
        switch variable {
        case .auth: currentProgram?.readsAuthIDOnly == true ? authID : auth
        case .data: dataBinding
        case .ruleParams: ruleParams
        case .request: .request(CELRequest(time: CELTimestamp(milliseconds: now), ip: viewer.ip, origin: viewer.origin))
        case .rateLimit: .rateLimits(rules.rateLimitNames)
        case .newData, .linkedData, .actions: nil
        }
    }

    func ref(etype: String, id: String, path: String) throws(CELEvaluationError) -> [CELValue] {
        try state.ruleRef(etype: etype, id: id, path: path)
    }

    /// Charged once per entity and rule: decisions are kept for the whole evaluation, so a
    /// query returning 50 rows consumes 50 tokens of a view rule's bucket (§3.7).
    func consumeRateLimit(bucket: String, key: CELValue, tokens: Int64) throws(CELEvaluationError) -> Bool {
        try rules.rateLimiter.consume(name: bucket, key: key, tokens: tokens, now: now)
    }

    private func record(_ key: EntityEtype, label: String?, program: RuleProgram?, result: JSONValue) {
        guard records != nil else { return }
        if current != key {
            current = key
            currentMap = nil
        }
        let row = JSONObject([
            ("id", JSONValue(key.entity)), ("entity", .string(key.etype)),
            ("label", label.map { .string($0) } ?? .null),
            ("record", .object(data)), ("program", program?.json ?? .object(JSONObject())), ("check", result),
        ])
        records?.append(.object(row))
    }
}
