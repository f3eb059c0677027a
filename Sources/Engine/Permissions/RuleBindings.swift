/// The variables of one check (permissions §3.1) over the app's state, which answers
/// `ref` (read at the time of the check, §3.4).
struct RuleBindings: RuleContext {
    let state: AppState
    let viewer: RuleViewer
    let rules: RuleSet
    let auth: JSONObject?
    var data: JSONObject
    var etype: String
    var newData: JSONObject?
    /// `nil` leaves `linkedData` unbound (§6.2); set only for link/unlink checks.
    var linkedData: (object: JSONObject, etype: String)?
    var ruleParams: JSONObject
    var actions: JSONObject?
    var modifiedFields: [String] = []
    var now: Int64

    func value(of variable: CELVariable) -> CELValue? {
        switch variable {
        case .auth: .auth(auth)
        case .data: .entity(data, etype: etype)
        case .newData: .object(newData ?? data)
        case .linkedData: linkedData.map { .entity($0.object, etype: $0.etype) }
        case .ruleParams: .object(ruleParams)
        case .actions: .object(actions ?? JSONObject())
        case .request:
            .request(
                CELRequest(
                    time: CELTimestamp(milliseconds: now), modifiedFields: modifiedFields, ip: viewer.ip,
                    origin: viewer.origin))
        case .rateLimit: .rateLimits(rules.rateLimitNames)
        }
    }

    func ref(etype: String, id: String, path: String) throws(CELEvaluationError) -> [CELValue] {
        return try state.ruleRef(etype: etype, id: id, path: path)
    }

    func consumeRateLimit(bucket: String, key: CELValue, tokens: Int64) throws(CELEvaluationError) -> Bool {
        try rules.rateLimiter.consume(name: bucket, key: key, tokens: tokens, now: now)
    }
}

/// Who is being checked and from where: everything a check needs besides the data.
/// Nil in options and contexts means admin: no rules at all (permissions §4).
public struct RuleViewer: Sendable, Hashable {
    /// The signed-in `$users` row, or nil when signed out.
    public var user: EntityID?
    /// `request.ip`; empty when unknown.
    public var ip: String
    /// `request.origin`; empty when absent.
    public var origin: String
    /// Admin requests and dry-run checks show CEL error details (§8.3).
    public var showsDetails: Bool
    /// Rules to use instead of the saved ones (dry-run `rules-override`, protocol-http §4.3).
    public var rulesOverride: RuleSet?

    public init(
        user: EntityID?, ip: String = "", origin: String = "", showsDetails: Bool = false, rulesOverride: RuleSet? = nil
    ) {
        self.user = user
        self.ip = ip
        self.origin = origin
        self.showsDetails = showsDetails
        self.rulesOverride = rulesOverride
    }

    /// The viewer an identity stands for; nil for admin.
    public init?(_ identity: Identity, showsDetails: Bool = false) {
        switch identity {
        case .admin: return nil
        case .user(let id): self.init(user: id, showsDetails: showsDetails)
        case .anonymous: self.init(user: nil, showsDetails: showsDetails)
        }
    }

    public static func == (lhs: RuleViewer, rhs: RuleViewer) -> Bool {
        lhs.user == rhs.user && lhs.ip == rhs.ip && lhs.origin == rhs.origin && lhs.showsDetails == rhs.showsDetails
            && lhs.rulesOverride === rhs.rulesOverride
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(user)
        hasher.combine(ip)
        hasher.combine(origin)
    }
}
