extension CELValue {
    /// CEL equality as cel-java computes it with standard equality: values of
    /// different kinds are unequal (never an error), numbers compare by value across
    /// `int`, `uint` and `double`, strings compare by code units without
    /// normalisation, lists element-wise, maps by their present members.
    public func isEqual(to other: CELValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return Self.sameCodeUnits(a, b)
        case (.bytes(let a), .bytes(let b)): return a == b
        case (.int, _), (.uint, _), (.double, _):
            guard case .ordered(0) = compareNumbers(other) else { return false }
            return true
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isEqual(to: $1) }
        case (.map(let a), .map(let b)):
            guard a.count == b.count else { return false }
            return a.entries.allSatisfy { entry in
                guard let value = b.presentValue(for: entry.key) else { return false }
                return value.isEqual(to: entry.value)
            }
        case (.timestamp(let a), .timestamp(let b)): return a == b
        case (.duration(let a), .duration(let b)): return a == b
        case (.type(let a), .type(let b)): return a == b
        case (.request(let a), .request(let b)): return a == b
        case (.rateLimitBucket(let a), .rateLimitBucket(let b)): return a == b
        default: return false
        }
    }
}

extension CELValue {
    /// Byte equality of two strings' UTF-8 (no normalisation), over their contiguous
    /// storage: ids are compared in most rules, and the generic `elementsEqual` walk
    /// cost more than the rest of `auth.id == data.id`.
    static func sameCodeUnits(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a
        var b = b
        return a.withUTF8 { left in b.withUTF8 { right in left.elementsEqual(right) } }
    }
}

extension CELMap {
    /// The member for `key` only if it is actually present (for equality).
    func presentValue(for key: CELValue) -> CELValue? {
        switch storage {
        case .literal: return value(for: key)
        case .json(let object):
            guard case .string(let name) = key, let member = object[name] else { return nil }
            return CELValue(json: member)
        case .members(let members):
            guard case .string(let name) = key, let member = members.first(where: { $0.key == name }) else {
                return nil
            }
            return CELValue(json: member.value)
        }
    }
}
