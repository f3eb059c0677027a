import Synchronization

/// The token buckets behind `rateLimit.<name>.limit(key)` in rules (permissions §3.7),
/// enforced in memory as the spec proposes for a local server (§11 item 7): buckets start
/// full, are keyed by (name, key) within the app, and are lost on restart or when the
/// rules document changes (a new `RuleSet` has a new limiter).
///
/// Shared by every evaluation under one rules version, on any thread.
final class RuleRateLimiter: Sendable {
    /// Buckets kept before full ones are dropped: a full bucket is the same as none, so
    /// pruning never changes an answer, only bounds memory when keys are many (per IP).
    static let prunedAbove = 10_000

    /// Configs by name; names whose config did not parse are absent (the save rejects them).
    private let configs: [String: RateLimitConfig]
    /// Levels per (name, key), one per limit of the config.
    private let buckets = Mutex<[BucketKey: [Level]]>([:])

    /// A bucket's identity.
    private struct BucketKey: Hashable {
        var name: String
        var key: String
    }

    /// One limit's state: tokens (fractional while a greedy refill is under way) as of
    /// `updatedAt`, in milliseconds.
    private struct Level {
        var tokens: Double
        var updatedAt: Int64
    }

    /// A limiter for the `$rateLimits` entries of a rules document.
    init(document: JSONObject) {
        var configs: [String: RateLimitConfig] = [:]
        for entry in document["$rateLimits"]?.objectValue?.entries ?? [] {
            if let config = try? RateLimitConfig(parsing: entry.value) { configs[entry.key] = config }
        }
        self.configs = configs
    }

    /// Takes `tokens` from every limit of bucket `name` for `key` at time `now` (ms).
    ///
    /// - Returns: true when every limit had them (all are charged).
    /// - Throws: the `rate-limited` request failure (§8.4) when one did not (none are
    ///   charged), or an evaluation error for a name without a valid config.
    func consume(name: String, key: CELValue, tokens: Int64, now: Int64) throws(CELEvaluationError) -> Bool {
        guard let config = configs[name] else {
            throw CELEvaluationError(.internalError, "`\(name)` is not a valid rate limit config.")
        }
        guard tokens >= 0 else { throw CELEvaluationError(.invalidArgument, "tokens must not be negative") }
        let bucketKey = BucketKey(name: name, key: String(decoding: key.jsonValue.jsonBytes, as: UTF8.self))
        let denial: InstantError? = buckets.withLock { buckets in
            var levels = buckets[bucketKey] ?? config.limits.map { Level(tokens: Double($0.capacity), updatedAt: now) }
            for index in levels.indices { Self.refill(&levels[index], config.limits[index], now: now) }
            let wanted = Double(tokens)
            if levels.allSatisfy({ $0.tokens >= wanted }) {
                for index in levels.indices { levels[index].tokens -= wanted }
                if buckets.count > Self.prunedAbove { Self.pruneFull(&buckets, configs: configs, now: now) }
                buckets[bucketKey] = levels
                return nil
            }
            buckets[bucketKey] = levels
            return Self.denial(levels, config.limits, wanted: wanted, now: now)
        }
        if let denial {
            throw CELEvaluationError(.internalError, denial.message, requestFailure: denial)
        }
        return true
    }

    /// Adds the tokens due between `level.updatedAt` and `now`, up to the capacity.
    private static func refill(_ level: inout Level, _ limit: RateLimitConfig.Limit, now: Int64) {
        let elapsed = now - level.updatedAt
        guard elapsed > 0 else { return }
        let capacity = Double(limit.capacity)
        if limit.refillsAtIntervals {
            let periods = elapsed / limit.periodMilliseconds
            guard periods > 0 else { return }
            level.tokens = min(capacity, level.tokens + Double(periods) * Double(limit.refillAmount))
            level.updatedAt += periods * limit.periodMilliseconds
        } else {
            let rate = Double(limit.refillAmount) / Double(limit.periodMilliseconds)
            level.tokens = min(capacity, level.tokens + Double(elapsed) * rate)
            level.updatedAt = now
        }
        if level.tokens >= capacity { level.updatedAt = now }
    }

    /// The `rate-limited` error: when the last short limit will have `wanted` tokens
    /// again, and the fewest whole tokens any limit holds now.
    private static func denial(
        _ levels: [Level], _ limits: [RateLimitConfig.Limit], wanted: Double, now: Int64
    ) -> InstantError {
        var retryAt = now
        for (level, limit) in zip(levels, limits) where level.tokens < wanted {
            // More than the capacity never fits: report one period ahead.
            let missing = min(wanted, Double(limit.capacity)) - level.tokens
            let due: Int64
            if limit.refillsAtIntervals {
                let periods = Int64((missing / Double(limit.refillAmount)).rounded(.up))
                due = level.updatedAt + max(1, periods) * limit.periodMilliseconds
            } else {
                let rate = Double(limit.refillAmount) / Double(limit.periodMilliseconds)
                due = now + Int64((missing / rate).rounded(.up))
            }
            retryAt = max(retryAt, wanted > Double(limit.capacity) ? now + limit.periodMilliseconds : due)
        }
        let remaining = levels.map { Int64($0.tokens.rounded(.down)) }.min() ?? 0
        let retryAfter = (retryAt - now + 999) / 1_000
        return InstantError(
            .rateLimited, "Your request exceeded the rate limit.",
            hint: [
                "retry-at": .string(CELTimestamp(milliseconds: retryAt).formatted),
                "retry-after": .int(max(0, retryAfter)), "remaining-tokens": .int(max(0, remaining)),
            ])
    }

    /// Drops buckets that are full again by now.
    private static func pruneFull(_ buckets: inout [BucketKey: [Level]], configs: [String: RateLimitConfig], now: Int64) {
        buckets = buckets.filter { key, levels in
            guard let config = configs[key.name] else { return false }
            return zip(levels, config.limits).contains { level, limit in
                var refilled = level
                refill(&refilled, limit, now: now)
                return refilled.tokens < Double(limit.capacity)
            }
        }
    }
}
