/// Runtime implementations of the functions in `CELFunctionTable` (except `ref` and
/// `limit`, which need the context). Each returns nil when no overload accepts the
/// arguments, which the evaluator reports as `OVERLOAD_NOT_FOUND`.
enum CELStandardLibrary {
    /// Applies `function` to evaluated arguments (receiver first for methods).
    static func call(_ function: String, _ a: [CELValue]) throws(CELEvaluationError) -> CELValue? {
        switch (function, a.count) {
        case ("_==_", 2): return .bool(a[0].isEqual(to: a[1]))
        case ("_!=_", 2): return .bool(!a[0].isEqual(to: a[1]))
        case ("_<_", 2): return compare(a[0], a[1]) { $0 < 0 }
        case ("_<=_", 2): return compare(a[0], a[1]) { $0 <= 0 }
        case ("_>_", 2): return compare(a[0], a[1]) { $0 > 0 }
        case ("_>=_", 2): return compare(a[0], a[1]) { $0 >= 0 }
        case ("_+_", 2): return try add(a[0], a[1])
        case ("_-_", 2): return try subtract(a[0], a[1])
        case ("_*_", 2): return try multiply(a[0], a[1])
        case ("_/_", 2): return try divide(a[0], a[1])
        case ("_%_", 2): return try modulo(a[0], a[1])
        case ("-_", 1): return try negate(a[0])
        case ("!_", 1):
            guard case .bool(let b) = a[0] else { return nil }
            return .bool(!b)
        case ("@in", 2): return contains(a[1], a[0])
        case ("_[_]", 2): return try index(a[0], a[1])
        case ("size", 1): return size(a[0])
        case ("type", 1): return .type(a[0].typeName)
        case ("dyn", 1): return a[0]
        case ("int", 1), ("uint", 1), ("double", 1), ("string", 1), ("bool", 1), ("bytes", 1):
            return try convert(a[0], to: function)
        case ("timestamp", 1), ("duration", 1): return try time(function, a[0])
        case ("matches", 2), ("contains", 2), ("startsWith", 2), ("endsWith", 2):
            return try stringTest(function, a[0], a[1])
        default:
            if function.hasPrefix("math.") { return try math(String(function.dropFirst(5)), a) }
            if function.hasPrefix("get") { return try accessor(function, a) }
            return try stringExtension(function, a)
        }
    }

    /// A comparison operator: nil for incomparable kinds, false when a NaN is involved.
    static func compare(_ lhs: CELValue, _ rhs: CELValue, _ holds: (Int) -> Bool) -> CELValue? {
        switch lhs.compare(to: rhs) {
        case .ordered(let order): .bool(holds(order))
        case .unordered: .bool(false)
        case .incomparable: nil
        }
    }

    /// `x in list` (element equality) and `k in map` (key presence; always true for
    /// JSON maps, which never miss).
    static func contains(_ container: CELValue, _ element: CELValue) -> CELValue? {
        switch container {
        case .list(let items): .bool(items.contains { $0.isEqual(to: element) })
        case .map(let map): .bool(map.contains(element))
        default: nil
        }
    }

    /// `list[i]` and `map[k]`.
    static func index(_ container: CELValue, _ key: CELValue) throws(CELEvaluationError) -> CELValue? {
        switch container {
        case .list(let items):
            let position: Int64
            switch key {
            case .int(let i): position = i
            case .uint(let u): position = u > UInt64(Int64.max) ? Int64.max : Int64(u)
            case .double(let d):
                guard d.rounded(.towardZero) == d, abs(d) < 9e18 else {
                    throw CELEvaluationError(
                        .indexOutOfBounds, "Index out of bounds: \(CELNumberFormatting.javaString(d))")
                }
                position = Int64(d)
            default: return nil
            }
            guard position >= 0, position < items.count else {
                throw CELEvaluationError(.indexOutOfBounds, "Index out of bounds: \(position)")
            }
            return items[Int(position)]
        case .map(let map):
            guard let value = map.value(for: key) else {
                throw CELEvaluationError(.attributeNotFound, "key '\(key.displayText)' is not present in map.")
            }
            return value
        default:
            return nil
        }
    }

    /// `size(x)` / `x.size()`: code points of a string, bytes, elements, members.
    static func size(_ value: CELValue) -> CELValue? {
        switch value {
        case .string(let s): .int(Int64(s.unicodeScalars.count))
        case .bytes(let b): .int(Int64(b.count))
        case .list(let items): .int(Int64(items.count))
        case .map(let map): .int(Int64(map.count))
        default: nil
        }
    }
}
