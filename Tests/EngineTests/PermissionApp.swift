import Testing

@testable import Engine

/// An app under permission tests: an `AppState` with rules, admin and user
/// transactions in the admin SDK's step format, and queries as any identity.
struct PermissionApp {
    var state = AppState()
    var clock: Int64 = 1_700_000_000_000

    /// An app with `rules` (validated as a save would) and extra attrs (links).
    init(rules: JSONValue, attrs: [Attr] = []) throws {
        try setRules(rules)
        if !attrs.isEmpty { try transactSteps(attrs.map { .addAttr($0) }, as: nil) }
    }

    mutating func setRules(_ rules: JSONValue) throws {
        state.rules = RuleSet(document: try RuleSet.validate(rules))
    }

    /// Admin SDK steps (`[["update", "todos", id, {...}], ...]`) as `viewer` (nil = admin).
    @discardableResult
    mutating func transact(_ steps: JSONValue, as viewer: RuleViewer?) throws(InstantError) -> TxReport {
        let expanded = try AdminSteps.expand(steps, catalog: state.catalog)
        return try transactSteps(expanded, as: viewer)
    }

    @discardableResult
    mutating func transactSteps(_ steps: [TxStep], as viewer: RuleViewer?, recording: Bool = false) throws(InstantError)
        -> TxReport
    {
        defer { clock += 1_000 }
        let context = TransactionContext(isAdmin: viewer == nil, viewer: viewer, recordsChecks: recording)
        return try state.transact(steps, context: context, now: clock)
    }

    /// The query result as `viewer` (nil = admin).
    func run(_ query: JSONValue, as viewer: RuleViewer?) throws(InstantError) -> QueryResult {
        try InstaQL.run(query: query, on: state, options: QueryOptions(isAdmin: viewer == nil, viewer: viewer))
    }

    /// The admin tree as `viewer`.
    func tree(_ query: JSONValue, as viewer: RuleViewer?) throws(InstantError) -> JSONValue {
        try run(query, as: viewer).adminTree(inference: false)
    }

    /// The ids of the top-level `etype` rows `viewer` sees.
    func ids(_ etype: String, _ query: JSONValue? = nil, as viewer: RuleViewer?) throws(InstantError) -> [String] {
        let tree = try tree(query ?? [etype: [:]], as: viewer)
        return (tree[etype]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
    }

    /// Every triple, for "a denied write changed nothing".
    var snapshot: Set<Triple> { Set(state.allTriples()) }

    /// Signed-in viewer.
    static func user(_ id: EntityID) -> RuleViewer { RuleViewer(user: id) }
    /// Signed-out viewer.
    static let guest = RuleViewer(user: nil)
}

/// Fixed ids so failures read well.
enum PermissionIDs {
    static let u1 = EntityID("11111111-1111-4111-8111-111111111111")!
    static let u2 = EntityID("22222222-2222-4222-8222-222222222222")!
    static let t1 = EntityID("aaaaaaa1-0000-4000-8000-000000000001")!
    static let t2 = EntityID("aaaaaaa2-0000-4000-8000-000000000002")!
    static let p1 = EntityID("bbbbbbb1-0000-4000-8000-000000000001")!
}
