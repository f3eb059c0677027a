import Foundation

/// Calendar arithmetic for timestamp accessors (`getFullYear()`, `getHours('+02:00')`, …):
/// proleptic Gregorian dates from epoch days, and time zone offsets.
enum CELCalendar {
    /// The calendar fields of one instant in one zone.
    struct Fields {
        /// The year, e.g. 2024.
        var year: Int64
        /// The month, 1–12.
        var month: Int64
        /// The day of the month, 1–31.
        var day: Int64
        /// Days since 1970-01-01 of that local date.
        var epochDay: Int64
        /// Seconds since local midnight.
        var secondOfDay: Int64
    }

    /// Year, month (1–12) and day (1–31) of a day count since 1970-01-01
    /// (Howard Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days &+ 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400
        return (month <= 2 ? year + 1 : year, month, day)
    }

    /// The calendar fields of `timestamp` shifted by `offset` seconds.
    static func fields(of timestamp: CELTimestamp, offset: Int64) -> Fields {
        let local = timestamp.seconds &+ offset
        let (q, r) = local.quotientAndRemainder(dividingBy: 86_400)
        let epochDay = r < 0 ? q - 1 : q
        let civil = civil(fromDays: epochDay)
        return Fields(
            year: civil.year, month: civil.month, day: civil.day, epochDay: epochDay,
            secondOfDay: r < 0 ? r + 86_400 : r)
    }

    /// The offset from UTC in seconds of a zone argument at an instant: `±HH:MM`
    /// (or `HH:MM`), or an IANA zone name such as `America/New_York`; nil if unknown.
    static func offset(ofZone zone: String, at timestamp: CELTimestamp) -> Int64? {
        let scalars = Array(zone.unicodeScalars)
        var index = 0
        var sign: Int64 = 1
        if let first = scalars.first, first == "+" || first == "-" {
            sign = first == "-" ? -1 : 1
            index = 1
        }
        let rest = scalars[index...]
        if rest.count == 5, rest[rest.startIndex + 2] == ":",
            let hours = Int64(String(String.UnicodeScalarView(rest.prefix(2)))),
            let minutes = Int64(String(String.UnicodeScalarView(rest.suffix(2)))),
            rest.prefix(2).allSatisfy(\.isCELDigit), rest.suffix(2).allSatisfy(\.isCELDigit)
        {
            return sign * (hours * 3600 + minutes * 60)
        }
        guard let timeZone = TimeZone(identifier: zone) else { return nil }
        let date = Date(timeIntervalSince1970: TimeInterval(timestamp.seconds))
        return Int64(timeZone.secondsFromGMT(for: date))
    }
}
