/// One `$rateLimits` entry: token buckets that must all have tokens for `limit()` to pass
/// (permissions §3.7).
///
/// ```json
/// "$rateLimits": {"createTodos": {"limits": [{"capacity": 10,
///                                              "refill": {"amount": 10, "period": "1 hour"}}]}}
/// ```
struct RateLimitConfig: Sendable, Equatable {
    /// One bucket.
    struct Limit: Sendable, Equatable {
        /// Tokens the bucket holds when full (and at first use).
        var capacity: Int64
        /// Tokens added per `periodMilliseconds`.
        var refillAmount: Int64
        /// The refill period, between one second and one day.
        var periodMilliseconds: Int64
        /// `"interval"`: the whole amount at the end of each period; otherwise `"greedy"`:
        /// spread evenly over the period, as soon as each token is due.
        var refillsAtIntervals: Bool
    }

    /// The shortest refill period: one second.
    static let shortestPeriod: Int64 = 1_000
    /// The longest refill period: one day.
    static let longestPeriod: Int64 = 86_400_000

    /// The buckets, all of which must have tokens.
    var limits: [Limit]

    /// Parses an entry; the error is the sentence the rules save reports.
    init(parsing value: JSONValue) throws(RateLimitConfigError) {
        guard case .object(let entry) = value else { throw RateLimitConfigError("must be an object with `limits`") }
        guard case .array(let items)? = entry["limits"], !items.isEmpty else {
            throw RateLimitConfigError("`limits` must be a non-empty list of {capacity, refill}")
        }
        limits = try items.map { (item) throws(RateLimitConfigError) in try Self.limit(item) }
    }

    /// One `{capacity, refill: {amount?, period?, type?}}`, with upstream's defaults.
    private static func limit(_ value: JSONValue) throws(RateLimitConfigError) -> Limit {
        guard case .object(let object) = value else { throw RateLimitConfigError("each limit must be an object") }
        guard let capacity = positiveInteger(object["capacity"]) else {
            throw RateLimitConfigError("`capacity` must be a positive integer")
        }
        let refill = object["refill"]
        if let refill, refill != .null, refill.objectValue == nil {
            throw RateLimitConfigError("`refill` must be an object")
        }
        var amount = capacity
        if let given = refill?["amount"], given != .null {
            guard let parsed = positiveInteger(given) else {
                throw RateLimitConfigError("`refill.amount` must be a positive integer")
            }
            amount = parsed
        }
        var period: Int64 = 3_600_000
        if let given = refill?["period"], given != .null {
            guard let text = given.stringValue, let parsed = periodMilliseconds(text) else {
                throw RateLimitConfigError(
                    "`refill.period` must be a duration such as \"30 minutes\", \"2 hours\" or \"1 day\"")
            }
            guard parsed >= shortestPeriod, parsed <= longestPeriod else {
                throw RateLimitConfigError("`refill.period` must be between 1 second and 24 hours")
            }
            period = parsed
        }
        var atIntervals = false
        if let given = refill?["type"], given != .null {
            switch given.stringValue {
            case "greedy": atIntervals = false
            case "interval": atIntervals = true
            default: throw RateLimitConfigError("`refill.type` must be \"greedy\" or \"interval\"")
            }
        }
        return Limit(capacity: capacity, refillAmount: amount, periodMilliseconds: period, refillsAtIntervals: atIntervals)
    }

    /// A whole number above zero (JSON numbers may arrive as doubles).
    private static func positiveInteger(_ value: JSONValue?) -> Int64? {
        switch value {
        case .int(let n)? where n > 0: n
        case .double(let d)? where d > 0 && d == d.rounded() && d < 9e15: Int64(d)
        default: nil
        }
    }

    /// `"30 minutes"`, `"2 hours"`, `"1 day"`, `"1 second"`: a count and a unit, singular
    /// or plural; nil for anything else.
    static func periodMilliseconds(_ text: String) -> Int64? {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count == 2, let count = Int64(words[0]), count > 0, count <= 1_000_000 else { return nil }
        var unit = words[1].lowercased()
        if unit.hasSuffix("s") { unit.removeLast() }
        let milliseconds: Int64
        switch unit {
        case "second": milliseconds = 1_000
        case "minute": milliseconds = 60_000
        case "hour": milliseconds = 3_600_000
        case "day": milliseconds = 86_400_000
        default: return nil
        }
        return count * milliseconds
    }
}

/// Why a `$rateLimits` entry was rejected.
struct RateLimitConfigError: Error, Equatable {
    /// The sentence, without the entry's name (the rules save puts that in `in`).
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
