extension CELStandardLibrary {
    /// `int()`, `uint()`, `double()`, `string()`, `bool()`, `bytes()` with cel-java's
    /// ranges and formats.
    static func convert(_ value: CELValue, to type: String) throws(CELEvaluationError) -> CELValue? {
        switch (type, value) {
        case ("int", .int), ("uint", .uint), ("double", .double), ("string", .string), ("bool", .bool),
            ("bytes", .bytes):
            return value
        case ("int", .uint(let u)):
            guard u <= UInt64(Int64.max) else { throw overflow("unsigned out of int range") }
            return .int(Int64(u))
        case ("int", .double(let d)):
            guard d.isFinite, d >= -9_223_372_036_854_775_808.0, d < 9_223_372_036_854_775_808.0 else {
                throw overflow("double is out of range for int")
            }
            return .int(Int64(d))
        case ("int", .string(let s)):
            guard let i = Int64(s) else { throw badFormat(s) }
            return .int(i)
        case ("int", .timestamp(let t)): return .int(t.seconds)
        case ("uint", .int(let i)):
            guard i >= 0 else { throw overflow("int out of uint range") }
            return .uint(UInt64(i))
        case ("uint", .double(let d)):
            guard d.isFinite, d > -1, d < 18_446_744_073_709_551_616.0 else {
                throw overflow("double out of uint range")
            }
            return .uint(UInt64(d))
        case ("uint", .string(let s)):
            guard !s.hasPrefix("-"), let u = UInt64(s) else { throw badFormat(s) }
            return .uint(u)
        case ("double", .int(let i)): return .double(Double(i))
        case ("double", .uint(let u)): return .double(Double(u))
        case ("double", .string(let s)):
            guard let d = javaDouble(s) else { throw badFormat(s) }
            return .double(d)
        case ("string", .int(let i)): return .string(String(i))
        case ("string", .uint(let u)): return .string(String(u))
        case ("string", .double(let d)): return .string(CELNumberFormatting.javaString(d))
        case ("string", .bool(let b)): return .string(b ? "true" : "false")
        case ("string", .bytes(let b)):
            guard let text = String(validating: b, as: UTF8.self) else {
                throw CELEvaluationError(.badFormat, "invalid UTF-8 in bytes, cannot convert to string")
            }
            return .string(text)
        case ("string", .timestamp(let t)): return .string(t.formatted)
        case ("string", .duration(let d)): return .string(d.formatted)
        case ("bool", .string(let s)):
            switch s {
            case "true", "TRUE", "True", "t", "1": return .bool(true)
            case "false", "FALSE", "False", "f", "0": return .bool(false)
            default:
                throw CELEvaluationError(.badFormat, "Type conversion error from 'string' to 'bool': [\(s)]")
            }
        case ("bytes", .string(let s)): return .bytes(Array(s.utf8))
        default: return nil
        }
    }

    /// Java's `NumberFormatException` text for a number that does not parse.
    static func badFormat(_ text: String) -> CELEvaluationError {
        CELEvaluationError(.badFormat, "For input string: \"\(text)\"")
    }

    /// Java `Double.parseDouble`: surrounding whitespace ignored, optional sign,
    /// `NaN`, `Infinity`, decimal or hex digits, optional `f`/`d` suffix.
    static func javaDouble(_ text: String) -> Double? {
        var body = Substring(text)
        while let first = body.unicodeScalars.first, first.value <= 0x20 { body = body.dropFirst() }
        while let last = body.unicodeScalars.last, last.value <= 0x20 { body = body.dropLast() }
        var sign = 1.0
        if let first = body.first, first == "+" || first == "-" {
            sign = first == "-" ? -1 : 1
            body = body.dropFirst()
        }
        if body == "NaN" { return .nan }
        if body == "Infinity" { return sign * .infinity }
        let isHex = body.hasPrefix("0x") || body.hasPrefix("0X")
        if !isHex, let last = body.last, "fFdD".contains(last) { body = body.dropLast() }
        guard let first = body.unicodeScalars.first, first.isCELDigit || first == "." else { return nil }
        guard body.unicodeScalars.allSatisfy({ $0.isCELHexDigit || "xXpP.+-".unicodeScalars.contains($0) }) else {
            return nil
        }
        guard let value = Double(String(body)) else { return nil }
        return sign * value
    }
}
