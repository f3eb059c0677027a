extension CELStandardLibrary {
    /// `timestamp(x)` and `duration(x)`. Instant accepts every date format it accepts
    /// for date attributes, and integers as epoch milliseconds (permissions §3.4).
    static func time(_ function: String, _ value: CELValue) throws(CELEvaluationError) -> CELValue? {
        switch (function, value) {
        case ("timestamp", .timestamp), ("duration", .duration): return value
        case ("timestamp", .int(let ms)): return .timestamp(CELTimestamp(milliseconds: ms))
        case ("timestamp", .string(let text)):
            guard let ms = DateParsing.parse(text, allowRelativeWords: false), ms != Int64.max, ms != Int64.min else {
                throw CELEvaluationError(.badFormat, "Unable to parse date string \(text)")
            }
            return .timestamp(CELTimestamp(milliseconds: ms))
        case ("duration", .string(let text)):
            guard let duration = parseDuration(text) else {
                throw CELEvaluationError(.badFormat, "invalid duration format")
            }
            guard abs(duration.seconds) <= CELDuration.maxSeconds else {
                throw CELEvaluationError(.badFormat, "invalid duration range")
            }
            return .duration(duration)
        default: return nil
        }
    }

    /// Nanoseconds per duration unit suffix.
    static let durationUnits: [(suffix: String, nanos: Int64)] = [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
        ("m", 60_000_000_000), ("h", 3_600_000_000_000),
    ]

    /// `1h30m`, `-1.5s`, `100ms`, `0`: an optional sign and number-unit pairs.
    static func parseDuration(_ text: String) -> CELDuration? {
        var rest = Substring(text)
        var negative = false
        if let first = rest.first, first == "-" || first == "+" {
            negative = first == "-"
            rest = rest.dropFirst()
        }
        if rest == "0" { return CELDuration(seconds: 0) }
        guard !rest.isEmpty else { return nil }
        var total = CELDuration(seconds: 0)
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number.filter({ $0 == "." }).count <= 1, number.first != ".", number.last != "."
            else {
                return nil
            }
            rest = rest.dropFirst(number.count)
            guard
                let unit = durationUnits.sorted(by: { $0.suffix.count > $1.suffix.count }).first(where: {
                    rest.hasPrefix($0.suffix)
                })
            else { return nil }
            rest = rest.dropFirst(unit.suffix.count)
            guard let part = durationPart(String(number), unitNanos: unit.nanos), let sum = total.adding(part) else {
                return nil
            }
            total = sum
        }
        return negative ? total.negated : total
    }

    /// One `number unit` term as a duration.
    static func durationPart(_ number: String, unitNanos: Int64) -> CELDuration? {
        let pieces = number.split(separator: ".", omittingEmptySubsequences: false)
        guard let whole = Int64(pieces[0]) else { return nil }
        let (wholeNanos, overflow) = whole.multipliedReportingOverflow(by: unitNanos)
        var seconds: Int64
        var nanos: Int64
        if overflow {
            let perSecond = unitNanos / 1_000_000_000
            guard perSecond > 0 else { return nil }
            let (s, o) = whole.multipliedReportingOverflow(by: perSecond)
            guard !o else { return nil }
            seconds = s
            nanos = 0
        } else {
            seconds = wholeNanos / 1_000_000_000
            nanos = wholeNanos % 1_000_000_000
        }
        if pieces.count > 1 {
            let digits = pieces[1].prefix(18)
            guard let fraction = Int64(digits) else { return nil }
            var scale: Int64 = 1
            for _ in 0..<digits.count { scale *= 10 }
            let fractionNanos = Double(fraction) / Double(scale) * Double(unitNanos)
            let extra = Int64(fractionNanos.rounded(.towardZero))
            let (sum, overflow) = seconds.addingReportingOverflow(extra / 1_000_000_000)
            guard !overflow else { return nil }
            seconds = sum
            nanos += extra % 1_000_000_000
        }
        let (s, n) = CELDuration.normalize(seconds, nanos, plus: 0, 0)
        return s.map { CELDuration(seconds: $0, nanos: Int32(n)) }
    }

    /// Timestamp and duration accessors (`getFullYear()`, `getHours('Europe/Paris')`,
    /// `getTime()`, …). Months, days of month and year are 0-based except `getDate()`.
    static func accessor(_ function: String, _ a: [CELValue]) throws(CELEvaluationError) -> CELValue? {
        if case .duration(let d) = a.first, a.count == 1 {
            switch function {
            case "getHours": return .int(d.seconds / 3600)
            case "getMinutes": return .int(d.seconds / 60)
            case "getSeconds": return .int(d.seconds)
            case "getMilliseconds": return .int(d.totalMilliseconds % 1000)
            default: return nil
            }
        }
        guard case .timestamp(let t) = a.first, a.count == 1 || a.count == 2 else { return nil }
        if function == "getTime" { return a.count == 1 ? .int(t.milliseconds) : nil }
        var offset: Int64 = 0
        if a.count == 2 {
            guard case .string(let zone) = a[1] else { return nil }
            guard let zoneOffset = CELCalendar.offset(ofZone: zone, at: t) else {
                throw CELEvaluationError(
                    .internalError, "Function '\(function)' failed with arg(s) '\(t.formatted), \(zone)'")
            }
            offset = zoneOffset
        }
        let fields = CELCalendar.fields(of: t, offset: offset)
        switch function {
        case "getFullYear": return .int(fields.year)
        case "getMonth": return .int(fields.month - 1)
        case "getDayOfMonth": return .int(fields.day - 1)
        case "getDate": return .int(fields.day)
        case "getDayOfYear":
            let startOfYear = Int64(DateParsing.daysFromCivil(year: Int(fields.year), month: 1, day: 1))
            return .int(fields.epochDay - startOfYear)
        case "getDayOfWeek":
            let weekday = (fields.epochDay + 4) % 7
            return .int(weekday < 0 ? weekday + 7 : weekday)
        case "getHours": return .int(fields.secondOfDay / 3600)
        case "getMinutes": return .int(fields.secondOfDay / 60 % 60)
        case "getSeconds": return .int(fields.secondOfDay % 60)
        case "getMilliseconds": return .int(Int64(t.nanos / 1_000_000))
        default: return nil
        }
    }
}
