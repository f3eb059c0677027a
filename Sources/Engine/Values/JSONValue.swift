/// A JSON value exactly as Instant stores it in a triple.
///
/// Numbers keep their kind so they round-trip: integers that fit in 64 bits stay
/// integers, other numbers are doubles, and numbers whose text neither can hold
/// exactly (huge integers, very long decimals) keep their literal text.
/// Equality is JSON equality as upstream's `jsonb` sees it: `1 == 1.0`,
/// `"1" != 1`, object key order irrelevant (data-model §1.1).
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    /// A number literal that Int64 or Double would not reproduce exactly.
    case bigNumber(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

extension JSONValue {
    /// The kind name upstream prints in type errors (data-model §8.10, §5.7).
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int, .double, .bigNumber: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The numeric value as a Double, for comparisons in the number domain.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        case .bigNumber(let s): Double(s)
        default: nil
        }
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var intValue: Int64? {
        switch self {
        case .int(let i): return i
        case .double(let d): return d.rounded() == d && abs(d) < 9.0e15 ? Int64(d) : nil
        default: return nil
        }
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    public var isNumber: Bool {
        switch self {
        case .int, .double, .bigNumber: true
        default: false
        }
    }

    /// Member access for objects; nil for other kinds or a missing key.
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
}

extension JSONValue: Equatable {
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.bigNumber(let a), .bigNumber(let b)) where a == b: return true
        case (.int, _), (.double, _), (.bigNumber, _):
            guard let a = lhs.doubleValue, let b = rhs.doubleValue else { return false }
            return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)): return a == b
        default: return false
        }
    }
}

extension JSONValue: Hashable {
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0 as UInt8)
        case .bool(let b): hasher.combine(1 as UInt8); hasher.combine(b)
        case .int, .double, .bigNumber:
            // Hash every number in the double domain so 1 and 1.0 collide, as == demands.
            hasher.combine(2 as UInt8)
            let d = doubleValue ?? 0
            hasher.combine(d == 0 ? 0 : d)
        case .string(let s): hasher.combine(3 as UInt8); hasher.combine(s)
        case .array(let a): hasher.combine(4 as UInt8); hasher.combine(a)
        case .object(let o): hasher.combine(5 as UInt8); hasher.combine(o)
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByFloatLiteral, ExpressibleByNilLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements))
    }
}
