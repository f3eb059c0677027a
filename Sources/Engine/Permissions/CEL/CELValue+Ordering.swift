extension CELValue {
    /// The order of two values: same-kind ordering for bool, numbers, strings (UTF-16
    /// code units, as Java), bytes, timestamps and durations; numbers also compare
    /// across `int`, `uint` and `double` (permissions §11 Q1: heterogeneous numeric
    /// comparison).
    func compare(to other: CELValue) -> CELComparison {
        switch (self, other) {
        case (.bool(let a), .bool(let b)): return .ordered(a == b ? 0 : (a ? 1 : -1))
        case (.string(let a), .string(let b)):
            if a.utf16.elementsEqual(b.utf16) { return .ordered(0) }
            return .ordered(a.utf16.lexicographicallyPrecedes(b.utf16) ? -1 : 1)
        case (.bytes(let a), .bytes(let b)):
            if a == b { return .ordered(0) }
            return .ordered(a.lexicographicallyPrecedes(b) ? -1 : 1)
        case (.timestamp(let a), .timestamp(let b)): return .ordered(a == b ? 0 : (a < b ? -1 : 1))
        case (.duration(let a), .duration(let b)): return .ordered(a == b ? 0 : (a < b ? -1 : 1))
        case (.int, _), (.uint, _), (.double, _): return compareNumbers(other)
        default: return .incomparable
        }
    }

    /// Exact comparison of two numbers of any numeric kinds.
    func compareNumbers(_ other: CELValue) -> CELComparison {
        func sign<T: Comparable>(_ a: T, _ b: T) -> CELComparison { .ordered(a < b ? -1 : (a == b ? 0 : 1)) }
        switch (self, other) {
        case (.int(let a), .int(let b)): return sign(a, b)
        case (.uint(let a), .uint(let b)): return sign(a, b)
        case (.double(let a), .double(let b)):
            return a.isNaN || b.isNaN ? .unordered : sign(a, b)
        case (.int(let a), .uint(let b)): return a < 0 ? .ordered(-1) : sign(UInt64(a), b)
        case (.uint(let a), .int(let b)): return b < 0 ? .ordered(1) : sign(a, UInt64(b))
        case (.int(let a), .double(let b)): return Self.compare(integer: a, double: b)
        case (.double(let a), .int(let b)): return Self.invert(Self.compare(integer: b, double: a))
        case (.uint(let a), .double(let b)): return Self.compare(unsigned: a, double: b)
        case (.double(let a), .uint(let b)): return Self.invert(Self.compare(unsigned: b, double: a))
        default: return .incomparable
        }
    }

    /// The comparison with its sides swapped.
    static func invert(_ comparison: CELComparison) -> CELComparison {
        if case .ordered(let value) = comparison { return .ordered(-value) }
        return comparison
    }

    /// Exact `Int64` against `Double` ordering.
    static func compare(integer: Int64, double: Double) -> CELComparison {
        if double.isNaN { return .unordered }
        if double >= 9_223_372_036_854_775_808.0 { return .ordered(-1) }
        if double < -9_223_372_036_854_775_808.0 { return .ordered(1) }
        let whole = double.rounded(.towardZero)
        let wholeInteger = Int64(whole)
        if integer != wholeInteger { return .ordered(integer < wholeInteger ? -1 : 1) }
        let fraction = double - whole
        return .ordered(fraction > 0 ? -1 : (fraction < 0 ? 1 : 0))
    }

    /// Exact `UInt64` against `Double` ordering.
    static func compare(unsigned: UInt64, double: Double) -> CELComparison {
        if double.isNaN { return .unordered }
        if double >= 18_446_744_073_709_551_616.0 { return .ordered(-1) }
        if double < 0 { return .ordered(1) }
        let whole = double.rounded(.towardZero)
        let wholeInteger = UInt64(whole)
        if unsigned != wholeInteger { return .ordered(unsigned < wholeInteger ? -1 : 1) }
        return .ordered(double > whole ? -1 : 0)
    }
}
