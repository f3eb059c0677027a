/// Number text as upstream prints it: cel-java's `string(double)` is Java's
/// `Double.toString` (`1.0`, `0.001`, `1.0E7`, `1.5E-5`, `NaN`, `Infinity`).
enum CELNumberFormatting {
    /// Java `Double.toString` of `value`, using Swift's shortest round-trip digits.
    static func javaString(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let sign = value < 0 ? "-" : ""
        let (digits, exponent) = shortestDigits(abs(value))
        let magnitude = abs(value)
        if magnitude >= 1e-3, magnitude < 1e7 {
            if exponent >= 0 {
                let integerCount = exponent + 1
                let padded = digits + String(repeating: "0", count: max(0, integerCount - digits.count))
                let integerPart = String(padded.prefix(integerCount))
                let fractionPart = String(padded.dropFirst(integerCount))
                return sign + integerPart + "." + (fractionPart.isEmpty ? "0" : fractionPart)
            }
            return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits
        }
        let rest = String(digits.dropFirst())
        return sign + String(digits.prefix(1)) + "." + (rest.isEmpty ? "0" : rest) + "E" + String(exponent)
    }

    /// Significant digits (no leading or trailing zeros) and the decimal exponent of
    /// the first digit, from Swift's shortest representation of a positive finite value.
    static func shortestDigits(_ value: Double) -> (digits: String, exponent: Int) {
        let text = value.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let exponentPart = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = String(pieces[0])
        let fractionPart = pieces.count > 1 ? String(pieces[1]) : ""
        var digits = Array(integerPart + fractionPart)
        var exponent = integerPart.count - 1 + exponentPart
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            exponent -= 1
        }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        return (String(digits), exponent)
    }
}
