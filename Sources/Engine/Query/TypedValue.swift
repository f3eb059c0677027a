/// A value in a checked data type's domain, for comparisons and ordering (data-model §2.4, §6.1).
///
/// Numbers compare numerically, dates as instants (so an ISO string equals the epoch-ms
/// number of the same instant), booleans with `false < true`, and strings by Unicode
/// code point (the determinism choice of data-model §12.1).
public enum TypedValue: Hashable, Sendable {
    case number(Double)
    case string(String)
    case boolean(Bool)
    /// Epoch milliseconds.
    case date(Int64)

    /// Three-way comparison result.
    enum Ordering { case less, equal, greater }

    /// Converts a stored or queried JSON value; nil for null or a value outside the type.
    public init?(stored value: JSONValue, type: Attr.CheckedDataType) {
        switch (type, value) {
        case (.number, _):
            guard let d = value.doubleValue else { return nil }
            self = .number(d)
        case (.string, .string(let s)): self = .string(s)
        case (.boolean, .bool(let b)): self = .boolean(b)
        case (.date, .string(let s)):
            guard let ms = DateParsing.parse(s, allowRelativeWords: false) else { return nil }
            self = .date(ms)
        case (.date, _):
            guard let d = value.doubleValue, d.isFinite else { return nil }
            self = .date(Int64(d))
        default: return nil
        }
    }

    /// Three-way comparison within one domain; mixed domains compare by case order.
    func compare(_ other: TypedValue) -> Ordering {
        switch (self, other) {
        case (.number(let a), .number(let b)): return a < b ? .less : (a == b ? .equal : .greater)
        case (.date(let a), .date(let b)): return a < b ? .less : (a == b ? .equal : .greater)
        case (.boolean(let a), .boolean(let b)): return a == b ? .equal : (!a ? .less : .greater)
        case (.string(let a), .string(let b)):
            if a == b { return .equal }
            return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars, by: { $0.value < $1.value })
                ? .less : .greater
        default:
            return rank < other.rank ? .less : (rank == other.rank ? .equal : .greater)
        }
    }

    private var rank: Int {
        switch self {
        case .boolean: 0
        case .number: 1
        case .date: 2
        case .string: 3
        }
    }
}

/// An optional typed value as a sort key: nil (null or missing) sorts before everything (§6.1).
func compareNullsFirst(_ a: TypedValue?, _ b: TypedValue?) -> TypedValue.Ordering {
    switch (a, b) {
    case (nil, nil): .equal
    case (nil, _): .less
    case (_, nil): .greater
    case (let x?, let y?): x.compare(y)
    }
}
