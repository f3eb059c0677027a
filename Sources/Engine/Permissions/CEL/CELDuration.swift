/// A signed span of time with nanosecond precision (`google.protobuf.Duration`).
public struct CELDuration: Hashable, Comparable, Sendable {
    /// Whole seconds, floored (so -1.5s is -2 seconds plus 500ms).
    public let seconds: Int64
    /// Nanoseconds past `seconds`, `0..<1_000_000_000`.
    public let nanos: Int32

    /// Largest magnitude of a duration in seconds (protobuf: about 10,000 years).
    static let maxSeconds: Int64 = 315_576_000_000

    /// A duration of `seconds` (floored) plus `nanos` in `0..<1_000_000_000`.
    public init(seconds: Int64, nanos: Int32 = 0) {
        self.seconds = seconds
        self.nanos = nanos
    }

    /// Chronological (or signed length) order.
    public static func < (lhs: CELDuration, rhs: CELDuration) -> Bool {
        (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
    }

    /// `(s1, n1) + (s2, n2)` normalized to nanos in `0..<1e9`; nil seconds on overflow.
    static func normalize(_ s1: Int64, _ n1: Int64, plus s2: Int64, _ n2: Int64) -> (Int64?, Int64) {
        var nanos = n1 + n2
        var carry: Int64 = 0
        while nanos < 0 {
            nanos += 1_000_000_000
            carry -= 1
        }
        while nanos >= 1_000_000_000 {
            nanos -= 1_000_000_000
            carry += 1
        }
        let (sum, overflow1) = s1.addingReportingOverflow(s2)
        let (total, overflow2) = sum.addingReportingOverflow(carry)
        return (overflow1 || overflow2 ? nil : total, nanos)
    }

    /// The sum of two durations, or nil on overflow.
    func adding(_ other: CELDuration) -> CELDuration? {
        let (s, n) = Self.normalize(seconds, Int64(nanos), plus: other.seconds, Int64(other.nanos))
        guard let s else { return nil }
        return CELDuration(seconds: s, nanos: Int32(n))
    }

    /// The negated duration, or nil on overflow.
    var negated: CELDuration? {
        guard seconds != Int64.min else { return nil }
        let (s, n) = Self.normalize(-seconds, -Int64(nanos), plus: 0, 0)
        return s.map { CELDuration(seconds: $0, nanos: Int32(n)) }
    }

    /// Java `Duration.toMillis()`: floored seconds times 1000 plus the millisecond part.
    var totalMilliseconds: Int64 { seconds &* 1000 &+ Int64(nanos / 1_000_000) }

    /// cel-java's `duration` string: `90s`, `-1.500s`, `0s`.
    public var formatted: String {
        if seconds == 0 && nanos == 0 { return "0s" }
        let negative = seconds < 0
        var wholeSeconds = seconds
        var fractionNanos = Int64(nanos)
        if negative, fractionNanos > 0 {
            wholeSeconds += 1
            fractionNanos = 1_000_000_000 - fractionNanos
        }
        let magnitude = wholeSeconds.magnitude
        return (negative ? "-" : "") + String(magnitude) + Self.fraction(Int32(fractionNanos)) + "s"
    }

    /// `.123`, `.123456` or `.123456789` for non-zero nanoseconds, else empty.
    static func fraction(_ nanos: Int32) -> String {
        guard nanos > 0 else { return "" }
        func padded(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        if nanos % 1_000_000 == 0 { return "." + padded(nanos / 1_000_000, 3) }
        if nanos % 1_000 == 0 { return "." + padded(nanos / 1_000, 6) }
        return "." + padded(nanos, 9)
    }
}
