/// A CEL map: either a map literal of the expression, or a JSON object from the
/// rule's bindings.
///
/// JSON objects follow upstream's `CelMap`: every key is present (`has` is true, `in`
/// is true, a missing key reads as `null`), and their values convert lazily on access
/// (permissions §3.2, §3.3). An entity map also knows how to follow `ref` paths.
public struct CELMap: Sendable {
    /// Where the members live.
    enum Storage: Sendable {
        /// Entries of a map literal, in source order, keys unique.
        case literal([(key: CELValue, value: CELValue)])
        /// A JSON object whose missing keys read as null.
        case json(JSONObject)
        /// Some members of a JSON object, keys unique; missing keys read as null as in
        /// `json`. Holds an entity cut to the members a rule reads (`CELPlan.fieldsRead`):
        /// a few pairs cost less to build and search than a dictionary.
        case members([(key: String, value: JSONValue)])
    }

    /// The members.
    let storage: Storage
    /// What `ref(path)` on this map reads, if anything.
    public let refTarget: CELRefTarget?

    /// A literal map (keys already checked unique).
    init(entries: [(key: CELValue, value: CELValue)]) {
        storage = .literal(entries)
        refTarget = nil
    }

    /// A never-miss map over a JSON object.
    public init(json: JSONObject, refTarget: CELRefTarget? = nil) {
        storage = .json(json)
        self.refTarget = refTarget
    }

    /// Named members of a JSON object (keys unique), a never-miss map like `json`.
    init(members: [(key: String, value: JSONValue)], refTarget: CELRefTarget?) {
        storage = .members(members)
        self.refTarget = refTarget
    }

    /// Whether missing keys read as null instead of failing.
    public var neverMisses: Bool {
        if case .literal = storage { return false }
        return true
    }

    /// The number of members actually present.
    public var count: Int {
        switch storage {
        case .literal(let entries): entries.count
        case .json(let object): object.count
        case .members(let members): members.count
        }
    }

    /// Members actually present, in order.
    public var entries: [(key: CELValue, value: CELValue)] {
        switch storage {
        case .literal(let entries): entries
        case .json(let object): object.entries.map { (CELValue.string($0.key), CELValue(json: $0.value)) }
        case .members(let members): members.map { (CELValue.string($0.key), CELValue(json: $0.value)) }
        }
    }

    /// The keys actually present, in order (the range of a macro over a map).
    public var keys: [CELValue] {
        switch storage {
        case .literal(let entries): entries.map(\.key)
        case .json(let object): object.keys.map { .string($0) }
        case .members(let members): members.map { .string($0.key) }
        }
    }

    /// The member for `key`: nil when absent from a literal map; `null` when absent
    /// from a JSON map.
    public func value(for key: CELValue) -> CELValue? {
        switch storage {
        case .literal(let entries):
            return entries.first { $0.key.isEqual(to: key) }?.value
        case .json(let object):
            guard case .string(let name) = key, let member = object[name] else { return .null }
            return CELValue(json: member)
        case .members(let members):
            guard case .string(let name) = key, let member = members.first(where: { $0.key == name }) else {
                return .null
            }
            return CELValue(json: member.value)
        }
    }

    /// Whether `key` is a member (`has`, `in`): always true for JSON maps.
    public func contains(_ key: CELValue) -> Bool {
        switch storage {
        case .literal(let entries): entries.contains { $0.key.isEqual(to: key) }
        case .json, .members: true
        }
    }
}
