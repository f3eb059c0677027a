import Synchronization

/// One app's rules document with its programs, compiled on first use and kept for as
/// long as this version of the document is current (issue #8: once per rules version,
/// not per evaluation).
///
/// Immutable apart from the program cache; a new document is a new `RuleSet`.
public final class RuleSet: Sendable {
    /// The document as saved (permissions §1); empty when none was saved.
    public let document: JSONObject
    /// Whether a document was saved at all (perms pull answers `null` otherwise).
    public let isSaved: Bool
    /// Bumped on every save that changed the document (protocol-http §12.8).
    public let version: Int
    /// The labels with a field rule, by namespace, so queries skip field checks elsewhere.
    let fieldRuleLabels: [String: Set<String>]
    /// Programs by `RuleKey`; compile failures are cached too, and raised at check time.
    private let programs = Mutex<[RuleKey: RuleProgram?]>([:])
    /// The field rules by attr for the last catalogue a query used.
    private let fieldPrograms = Mutex<RuleFieldPrograms?>(nil)
    /// The `$rateLimits` buckets, for as long as this version of the document is current.
    let rateLimiter: RuleRateLimiter

    /// A rule set over `document`.
    public init(document: JSONObject, isSaved: Bool = true, version: Int = 1) {
        self.document = document
        self.isSaved = isSaved
        self.version = version
        rateLimiter = RuleRateLimiter(document: document)
        var labels: [String: Set<String>] = [:]
        for entry in document.entries {
            guard case .object(let fields)? = entry.value["fields"], !fields.isEmpty else { continue }
            labels[entry.key] = Set(fields.keys)
        }
        fieldRuleLabels = labels
    }

    /// No saved rules: everything allowed except the system-namespace fallbacks.
    public static let none = RuleSet(document: JSONObject(), isSaved: false, version: 0)

    /// What a check asks for.
    enum RuleKey: Hashable {
        /// `view`/`create`/`update`/`delete` on a namespace, with the §2.1 fallbacks.
        case action(etype: String, CELRuleAction)
        /// `E.fields.<label>` (no fallbacks).
        case field(etype: String, label: String)
        /// `E.allow.link.<label>` or `E.allow.unlink.<label>`, then its `$default`.
        case link(etype: String, label: String, CELRuleAction)
        /// `attrs.allow.create` through the ordinary lookup (§2.1, §6.4).
        case attrsCreate
    }

    /// The program for `key`, or nil when no rule applies (the check passes).
    func program(_ key: RuleKey) -> RuleProgram? {
        if let cached = programs.withLock({ $0[key] }) { return cached }
        let built = build(key)
        programs.withLock { $0[key] = .some(built) }
        return built
    }

    /// The program for a namespace action.
    public func program(etype: String, action: CELRuleAction) -> RuleProgram? {
        program(.action(etype: etype, action))
    }

    /// The bucket names of `$rateLimits` (the `rateLimit` binding, §3.7).
    var rateLimitNames: [String] { document["$rateLimits"]?.objectValue?.keys ?? [] }

    /// The field rules by attr over `catalog` (built once per catalogue version).
    func fieldPrograms(in catalog: AttrCatalog) -> RuleFieldPrograms {
        if let known = fieldPrograms.withLock({ $0 }), known.catalogVersion == catalog.version { return known }
        let built = RuleFieldPrograms(self, catalog: catalog)
        fieldPrograms.withLock { $0 = built }
        return built
    }

    /// Whether a link (or unlink) rule exists for `label` seen from `etype`.
    func hasLinkRule(etype: String, label: String, action: CELRuleAction) -> Bool {
        program(.link(etype: etype, label: label, action)) != nil
    }

    private func build(_ key: RuleKey) -> RuleProgram? {
        switch key {
        case .action(let etype, let action):
            return actionProgram(etype: etype, action: action)
        case .attrsCreate:
            return actionProgram(etype: "attrs", action: .create)
        case .field(let etype, let label):
            guard let code = Self.code(document[etype]?["fields"]?[label]) else { return nil }
            return RuleProgram(
                etype: etype, action: label, code: code, compileAs: .view, binds: binds(for: etype))
        case .link(let etype, let label, let action):
            let table = document[etype]?["allow"]?[action.rawValue]
            guard let code = Self.code(table?[label]) ?? Self.code(table?["$default"]) else { return nil }
            return RuleProgram(
                etype: etype, action: action.rawValue, code: code, compileAs: action, binds: binds(for: etype))
        }
    }

    /// §2.1 lookup order, then the §2.3 built-in fallbacks.
    private func actionProgram(etype: String, action: CELRuleAction) -> RuleProgram? {
        let name = action.rawValue
        let own = document[etype]?["allow"]
        let defaults = document["$default"]?["allow"]
        let candidates = [own?[name], own?["$default"], defaults?[name], defaults?["$default"]]
        let code = candidates.lazy.compactMap(Self.code).first ?? Self.fallback(etype: etype, action: action)
        guard let code else { return nil }
        return RuleProgram(etype: etype, action: name, code: code, compileAs: action, binds: binds(for: etype))
    }

    /// `$default`'s binds followed by the namespace's (§2.2).
    func binds(for etype: String) -> [(name: String, expression: String)] {
        Self.bindList(document["$default"]?["bind"])
            + (etype == "$default" ? [] : Self.bindList(document[etype]?["bind"]))
    }

    /// A bind list in either form; malformed entries are skipped (validation reports them).
    static func bindList(_ value: JSONValue?) -> [(name: String, expression: String)] {
        switch value {
        case .array(let items)?:
            var out: [(String, String)] = []
            var index = 0
            while index + 1 < items.count {
                if let name = items[index].stringValue, let code = code(items[index + 1]) { out.append((name, code)) }
                index += 2
            }
            return out
        case .object(let object)?:
            return object.entries.compactMap { entry in code(entry.value).map { (entry.key, $0) } }
        default:
            return []
        }
    }

    /// A rule's text: strings as they are, JSON booleans as `"true"`/`"false"` (§1).
    static func code(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: text
        case .bool(let flag)?: flag ? "true" : "false"
        default: nil
        }
    }

    /// The built-in rules of system namespaces (§2.3).
    static func fallback(etype: String, action: CELRuleAction) -> String? {
        switch (etype, action) {
        case ("$users", .view), ("$users", .update):
            "auth.id == data.id || (data.linkedPrimaryUser != null && auth.id == data.linkedPrimaryUser)"
        case ("$users", .create): "true"
        case ("$users", _): "false"
        case _ where etype.hasPrefix("$"): "false"
        default: nil
        }
    }
}

extension AppState {
    /// Installs rules on a state used outside a database (benchmarks, tools); a database
    /// saves and swaps its rules with `AppDatabase.setRules`.
    public mutating func installRules(_ rules: RuleSet) {
        self.rules = rules
        generation = StateGeneration.next()
    }
}
