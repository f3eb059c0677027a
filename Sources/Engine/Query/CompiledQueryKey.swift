/// What a compiled query depends on: the query as sent, the catalogue's version and whether
/// admin-only options are allowed.
///
/// Equality is exact, stricter than `JSONValue`'s JSON equality: `1` and `1.0` or two key
/// orders may parse differently (validation of integers, the order of top-level forms), so
/// they must not share an entry. Hashing reuses `JSONValue`'s hash, which exact equality
/// implies.
///
/// A key may instead hold the JSON text the query came from (`text`): equal text means
/// an equal query, and a byte buffer hashes and compares far faster than a parsed tree. A
/// text key never equals a tree key; the same query reached both ways is cached twice.
///
/// The hash is computed once and compared before anything else: a dictionary probes several
/// entries per lookup, and comparing whole queries or texts at each probe cost thousands of
/// instructions per miss.
struct CompiledQueryKey: Hashable, Sendable {
    let query: JSONValue
    let text: [UInt8]?
    let catalogVersion: UInt64
    let isAdmin: Bool
    /// The hash of the fields above, computed once.
    let digest: Int

    init(query: JSONValue, catalogVersion: UInt64, isAdmin: Bool) {
        self.query = query
        text = nil
        self.catalogVersion = catalogVersion
        self.isAdmin = isAdmin
        digest = Self.digest(query: query, text: nil, catalogVersion: catalogVersion, isAdmin: isAdmin)
    }

    init(text: [UInt8], catalogVersion: UInt64, isAdmin: Bool) {
        query = .null
        self.text = text
        self.catalogVersion = catalogVersion
        self.isAdmin = isAdmin
        digest = Self.digest(query: .null, text: text, catalogVersion: catalogVersion, isAdmin: isAdmin)
    }

    static func == (lhs: CompiledQueryKey, rhs: CompiledQueryKey) -> Bool {
        guard lhs.digest == rhs.digest, lhs.catalogVersion == rhs.catalogVersion, lhs.isAdmin == rhs.isAdmin
        else { return false }
        switch (lhs.text, rhs.text) {
        case (let a?, let b?): return a == b
        case (nil, nil): return same(lhs.query, rhs.query)
        default: return false
        }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(digest)
    }

    /// The hash of a key's fields; equal keys have equal digests, since exact equality
    /// implies `JSONValue` equality.
    private static func digest(query: JSONValue, text: [UInt8]?, catalogVersion: UInt64, isAdmin: Bool) -> Int {
        var hasher = Hasher()
        hasher.combine(catalogVersion)
        hasher.combine(isAdmin)
        if let text {
            hasher.combine(1 as UInt8)
            text.withUnsafeBytes { hasher.combine(bytes: $0) }
        } else {
            hasher.combine(query)
        }
        return hasher.finalize()
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
