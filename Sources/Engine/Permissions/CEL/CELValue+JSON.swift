extension CELValue {
    /// The CEL value of a JSON value (permissions §3.3): integers become `int`,
    /// fractional numbers `double`, objects never-miss maps. Numbers too big for
    /// 64 bits become the nearest `double`.
    public init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .bigNumber(let text): self = .double(Double(text) ?? .nan)
        case .string(let s): self = .string(s)
        case .array(let items): self = .list(items.map(CELValue.init(json:)))
        case .object(let object): self = .map(CELMap(json: object))
        }
    }

    /// A never-miss map over `object` whose `ref` follows links of `etype`
    /// (the `data` and `linkedData` bindings).
    public static func entity(_ object: JSONObject, etype: String) -> CELValue {
        .map(CELMap(json: object, refTarget: .entity(etype: etype)))
    }

    /// The `auth` binding: the user's row, or an empty map when signed out; `ref`
    /// follows `$user.` paths.
    public static func auth(_ user: JSONObject?) -> CELValue {
        .map(CELMap(json: user ?? JSONObject(), refTarget: .auth))
    }

    /// A never-miss map over a JSON object (`newData`, `ruleParams`, `actions`).
    public static func object(_ object: JSONObject) -> CELValue {
        .map(CELMap(json: object))
    }

    /// The `rateLimit` binding: one bucket per `$rateLimits` name. Unlike the other
    /// maps it is strict: an unknown bucket is a `key … is not present` error.
    public static func rateLimits(_ names: [String]) -> CELValue {
        .map(CELMap(entries: names.map { (CELValue.string($0), CELValue.rateLimitBucket($0)) }))
    }

    /// The value as JSON, for reporting results: timestamps and durations as their
    /// strings, bytes as code points, maps with stringified keys.
    public var jsonValue: JSONValue {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .uint(let u): u <= UInt64(Int64.max) ? .int(Int64(u)) : .bigNumber(String(u))
        case .double(let d): d.isFinite ? .double(d) : .string(CELNumberFormatting.javaString(d))
        case .string(let s): .string(s)
        case .bytes(let b): .string(String(decoding: b, as: UTF8.self))
        case .list(let items): .array(items.map(\.jsonValue))
        case .map(let map):
            .object(JSONObject(map.entries.map { (CELValue.keyText($0.key), $0.value.jsonValue) }))
        case .timestamp(let t): .string(t.formatted)
        case .duration(let d): .string(d.formatted)
        case .type(let name): .string(name)
        case .request(let r):
            .object(
                JSONObject([
                    ("time", .string(r.time.formatted)),
                    ("modifiedFields", .array(r.modifiedFields.map { .string($0) })),
                    ("ip", .string(r.ip)), ("origin", .string(r.origin)),
                ]))
        case .rateLimitBucket(let name): .string(name)
        }
    }

    /// A map key as JSON object key text.
    static func keyText(_ key: CELValue) -> String {
        if case .string(let s) = key { return s }
        return key.displayText
    }
}
