/// What a compiled query depends on: the query as sent, the catalogue's version and whether
/// admin-only options are allowed.
///
/// Equality is exact, stricter than `JSONValue`'s JSON equality: `1` and `1.0` or two key
/// orders may parse differently (validation of integers, the order of top-level forms), so
/// they must not share an entry. Hashing reuses `JSONValue`'s hash, which exact equality
/// implies.
struct CompiledQueryKey: Hashable, Sendable {
    let query: JSONValue
    let catalogVersion: UInt64
    let isAdmin: Bool

    static func == (lhs: CompiledQueryKey, rhs: CompiledQueryKey) -> Bool {
        lhs.catalogVersion == rhs.catalogVersion && lhs.isAdmin == rhs.isAdmin && same(lhs.query, rhs.query)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(catalogVersion)
        hasher.combine(query)
    }

    /// Same kind, same numbers bit for bit, same members in the same order.
    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x.bitPattern == y.bitPattern
        case (.bigNumber(let x), .bigNumber(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.object(let x), .object(let y)):
            guard x.keys == y.keys else { return false }
            for key in x.keys where !same(x[key]!, y[key]!) { return false }
            return true
        default: return false
        }
    }
}
