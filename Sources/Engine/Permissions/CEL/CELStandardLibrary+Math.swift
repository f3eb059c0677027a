extension CELStandardLibrary {
    /// The math extension (cel-java `CelMathExtensions`, latest version): `@max`/`@min`
    /// behind `math.greatest`/`math.least`, rounding, tests, `abs`, `sign`, `sqrt`,
    /// and bit operations.
    static func math(_ name: String, _ a: [CELValue]) throws(CELEvaluationError) -> CELValue? {
        switch (name, a.count) {
        case ("@max", 1), ("@min", 1):
            guard case .list(let items) = a[0] else { return isNumber(a[0]) ? a[0] : nil }
            guard var best = items.first else {
                throw failure("math.\(name)(list) argument must not be empty")
            }
            for item in items.dropFirst() {
                guard let chosen = pick(best, item, greatest: name == "@max") else { return nil }
                best = chosen
            }
            return isNumber(best) ? best : nil
        case ("@max", 2), ("@min", 2): return pick(a[0], a[1], greatest: name == "@max")
        case ("ceil", 1), ("floor", 1), ("round", 1), ("trunc", 1), ("isInf", 1), ("isNaN", 1), ("isFinite", 1):
            guard case .double(let d) = a[0] else { return nil }
            switch name {
            case "ceil": return .double(d.rounded(.up))
            case "floor": return .double(d.rounded(.down))
            case "round": return .double(d.isFinite ? d.rounded(.toNearestOrEven) : d)
            case "trunc": return .double(d.rounded(.towardZero))
            case "isInf": return .bool(d.isInfinite)
            case "isNaN": return .bool(d.isNaN)
            default: return .bool(d.isFinite)
            }
        case ("abs", 1):
            switch a[0] {
            case .int(let i):
                guard i != Int64.min else { throw overflow("integer overflow") }
                return .int(abs(i))
            case .uint: return a[0]
            case .double(let d): return .double(abs(d))
            default: return nil
            }
        case ("sign", 1):
            switch a[0] {
            case .int(let i): return .int(i.signum())
            case .uint(let u): return .uint(u == 0 ? 0 : 1)
            case .double(let d): return .double(d.isNaN ? d : (d == 0 ? 0 : (d > 0 ? 1 : -1)))
            default: return nil
            }
        case ("sqrt", 1):
            switch a[0] {
            case .int(let i): return .double(Double(i).squareRoot())
            case .uint(let u): return .double(Double(u).squareRoot())
            case .double(let d): return .double(d.squareRoot())
            default: return nil
            }
        default:
            return try bitwise(name, a)
        }
    }

    /// `math.bitAnd`, `bitOr`, `bitXor`, `bitNot`, `bitShiftLeft`, `bitShiftRight`
    /// (right shifts are logical, as cel-java's `>>>`).
    static func bitwise(_ name: String, _ a: [CELValue]) throws(CELEvaluationError) -> CELValue? {
        switch (name, a.count) {
        case ("bitNot", 1):
            switch a[0] {
            case .int(let i): return .int(~i)
            case .uint(let u): return .uint(~u)
            default: return nil
            }
        case ("bitAnd", 2), ("bitOr", 2), ("bitXor", 2):
            func apply<T: FixedWidthInteger>(_ x: T, _ y: T) -> T {
                name == "bitAnd" ? x & y : (name == "bitOr" ? x | y : x ^ y)
            }
            switch (a[0], a[1]) {
            case (.int(let x), .int(let y)): return .int(apply(x, y))
            case (.uint(let x), .uint(let y)): return .uint(apply(x, y))
            default: return nil
            }
        case ("bitShiftLeft", 2), ("bitShiftRight", 2):
            guard case .int(let shift) = a[1] else { return nil }
            guard shift >= 0 else { throw failure("math.\(name)() negative offset: \(shift)") }
            let left = name == "bitShiftLeft"
            switch a[0] {
            case .int(let x):
                let bits = UInt64(bitPattern: x)
                guard shift < 64 else { return .int(0) }
                return .int(Int64(bitPattern: left ? bits << UInt64(shift) : bits >> UInt64(shift)))
            case .uint(let x):
                guard shift < 64 else { return .uint(0) }
                return .uint(left ? x << UInt64(shift) : x >> UInt64(shift))
            default: return nil
            }
        default: return nil
        }
    }

    /// Whether a value is an `int`, `uint` or `double`.
    static func isNumber(_ value: CELValue) -> Bool {
        switch value {
        case .int, .uint, .double: true
        default: false
        }
    }

    /// The greater (or lesser) of two numbers of any numeric kinds; the first wins ties.
    static func pick(_ x: CELValue, _ y: CELValue, greatest: Bool) -> CELValue? {
        guard isNumber(x), isNumber(y) else { return nil }
        switch x.compareNumbers(y) {
        case .ordered(let order): return greatest ? (order >= 0 ? x : y) : (order <= 0 ? x : y)
        case .unordered: return x.isNaNValue ? x : y
        case .incomparable: return nil
        }
    }
}

extension CELValue {
    /// Whether this is a NaN double.
    var isNaNValue: Bool {
        if case .double(let d) = self { return d.isNaN }
        return false
    }
}
