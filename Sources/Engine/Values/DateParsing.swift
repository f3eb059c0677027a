import Foundation

/// Turns date values into instants (epoch milliseconds) for checked `date` attrs
/// (data-model §2.4, §2.4.1).
///
/// Upstream accepts whatever Postgres `timestamptz` reads; we accept the formats
/// listed in §2.4.1 that clients actually send: ISO 8601 dates and date-times
/// (with or without offset and fraction), `YYYY-MM-DD HH:MM:SS[.f]`, RFC 1123,
/// `M/D/YYYY`, and the special words.
public enum DateParsing {
    /// Epoch milliseconds for a date string, or nil when it is not one.
    /// `allowRelativeWords` admits `now`, `today`, `tomorrow`, `yesterday` (writes allow them, queries do not).
    public static func parse(_ raw: String, allowRelativeWords: Bool) -> Int64? {
        var text = raw.trimmingCharacters(in: .whitespaces)
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { text = String(text.dropFirst().dropLast()) }
        switch text.lowercased() {
        case "epoch": return 0
        case "infinity": return Int64.max
        case "-infinity": return Int64.min
        case "now", "today", "tomorrow", "yesterday":
            guard allowRelativeWords else { return nil }
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let day: Int64 = 86_400_000
            switch text.lowercased() {
            case "now": return now
            case "today": return now - now % day
            case "tomorrow": return now - now % day + day
            default: return now - now % day - day
            }
        default: break
        }
        if let ms = parseISO(text) { return ms }
        if let ms = parseWithFormats(text) { return ms }
        return nil
    }

    /// `YYYY-MM-DD`, then optional `T` or space, `HH:MM[:SS[.fff…]]`, optional `Z` or `±HH[:MM]`.
    static func parseISO(_ s: String) -> Int64? {
        let b = Array(s.utf8)
        var i = 0
        func number(_ count: ClosedRange<Int>) -> Int? {
            var v = 0
            var n = 0
            while i < b.count, n < count.upperBound, b[i] >= 48, b[i] <= 57 {
                v = v * 10 + Int(b[i] - 48)
                i += 1
                n += 1
            }
            return count.contains(n) ? v : nil
        }
        func take(_ c: UInt8) -> Bool {
            if i < b.count, b[i] == c { i += 1; return true }
            return false
        }
        guard let year = number(4...4), take(45), let month = number(1...2), take(45), let day = number(1...2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var offsetSeconds = 0
        if i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: " ") {
            i += 1
            guard let h = number(1...2), take(58), let m = number(1...2) else { return nil }
            hour = h
            minute = m
            if take(58) {
                guard let sec = number(1...2) else { return nil }
                second = sec
                if take(46) {
                    let start = i
                    while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
                    guard i > start else { return nil }
                    fraction = Double("0." + String(decoding: b[start..<i], as: UTF8.self)) ?? 0
                }
            }
            if take(UInt8(ascii: "Z")) || take(UInt8(ascii: "z")) {
                offsetSeconds = 0
            } else if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let oh = number(2...2) else { return nil }
                _ = take(58)
                let om = number(2...2) ?? 0
                offsetSeconds = sign * (oh * 3600 + om * 60)
            }
        }
        guard i == b.count, hour < 24, minute < 60, second < 61 else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return seconds * 1000 + Int64((fraction * 1000).rounded(.down))
    }

    private static let formats = [
        "EEE, dd MMM yyyy HH:mm:ss zzz", "M/d/yyyy, h:mm:ss a", "yyyy-MM-dd HH:mm", "EEE MMM dd yyyy HH:mm:ss zZ",
        "EEE MMM dd yyyy", "MM-dd-yyyy", "M/d/yyyy",
    ]

    static func parseWithFormats(_ s: String) -> Int64? {
        for format in formats {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = format
            if let d = f.date(from: s) { return Int64((d.timeIntervalSince1970 * 1000).rounded()) }
        }
        return nil
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
