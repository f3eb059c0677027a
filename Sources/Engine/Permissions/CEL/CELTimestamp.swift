/// A point in time with nanosecond precision (`google.protobuf.Timestamp`).
public struct CELTimestamp: Hashable, Comparable, Sendable {
    /// Whole seconds since 1970-01-01T00:00:00Z (floored).
    public let seconds: Int64
    /// Nanoseconds past `seconds`, `0..<1_000_000_000`.
    public let nanos: Int32

    /// The instant `seconds` (floored) plus `nanos` after the epoch.
    public init(seconds: Int64, nanos: Int32 = 0) {
        self.seconds = seconds
        self.nanos = nanos
    }

    /// The instant `milliseconds` after the epoch (Instant's `timestamp(int)`).
    public init(milliseconds: Int64) {
        let (q, r) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        self.init(seconds: r < 0 ? q - 1 : q, nanos: Int32(r < 0 ? r + 1000 : r) * 1_000_000)
    }

    /// Milliseconds since the epoch (`getTime()`, upstream `Timestamps/toMillis`).
    public var milliseconds: Int64 {
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        return overflow ? (seconds < 0 ? Int64.min : Int64.max) : product &+ Int64(nanos / 1_000_000)
    }

    /// Chronological (or signed length) order.
    public static func < (lhs: CELTimestamp, rhs: CELTimestamp) -> Bool {
        (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
    }

    /// This instant moved by a duration, or nil on overflow.
    func adding(_ duration: CELDuration) -> CELTimestamp? {
        let (s, n) = CELDuration.normalize(seconds, Int64(nanos), plus: duration.seconds, Int64(duration.nanos))
        guard let s else { return nil }
        return CELTimestamp(seconds: s, nanos: Int32(n))
    }

    /// The duration from `other` to this instant, or nil on overflow.
    func difference(from other: CELTimestamp) -> CELDuration? {
        guard other.seconds != Int64.min else { return nil }
        let (s, n) = CELDuration.normalize(seconds, Int64(nanos), plus: -other.seconds, -Int64(other.nanos))
        guard let s else { return nil }
        return CELDuration(seconds: s, nanos: Int32(n))
    }

    /// How upstream shows server-side dates inside rule maps (`auth.created_at`,
    /// permissions §3.3): `yyyy-MM-ddTHH:mm:ssZ` in UTC, without fraction.
    public var ruleDateString: String {
        CELTimestamp(seconds: seconds).formatted
    }

    /// Java `Instant.toString`: `2024-01-02T03:04:05Z`, with 3, 6 or 9 fraction digits
    /// when the nanoseconds are not zero.
    public var formatted: String {
        let (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let day = secondOfDay < 0 ? days - 1 : days
        let second = secondOfDay < 0 ? secondOfDay + 86_400 : secondOfDay
        let civil = CELCalendar.civil(fromDays: day)
        var year = String(abs(civil.year))
        while year.count < 4 { year = "0" + year }
        if civil.year > 9999 { year = "+" + year } else if civil.year < 0 { year = "-" + year }
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var text =
            "\(year)-\(two(civil.month))-\(two(civil.day))T\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))"
        text += CELDuration.fraction(nanos)
        return text + "Z"
    }
}
