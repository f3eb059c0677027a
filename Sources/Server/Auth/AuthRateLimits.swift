import Engine
import Synchronization

/// Per-(app, email) limits on the magic-code flow: how many codes may be sent (upstream's
/// send limit, protocol-http §8.3, §9.1) and how many wrong codes may be tried, so a
/// six-digit code cannot be guessed by brute force.
///
/// Sliding windows over the router's clock (epoch milliseconds). The limits are far above
/// what a person or a test suite does by hand; they only stop a loop.
final class AuthRateLimits: Sendable {
    /// What is counted.
    enum Action: Hashable, Sendable {
        /// A code sent by `send_magic_code` (admin or runtime).
        case sendCode
        /// A `verify_magic_code` with a code that matched nothing.
        case failedVerify
    }

    /// Codes one email may be sent per `window`.
    static let sendsPerWindow = 50
    /// Wrong codes one email may be tried with per `window`: 10^6 codes at this pace
    /// take months.
    static let failedVerifiesPerWindow = 100
    /// The window: ten minutes.
    static let windowMilliseconds: Int64 = 10 * 60 * 1000
    /// Above this many keys, a recording also drops every key whose window has passed,
    /// so emails seen once do not accumulate.
    static let sweepThreshold = 10_000

    private struct Key: Hashable {
        var app: EntityID
        var email: String
        var action: Action
    }

    /// Times of the counted events inside the window, oldest first, per key.
    private let events = Mutex<[Key: [Int64]]>([:])

    init() {}

    /// Whether `action` may happen for (app, email) at `now`, without counting it.
    func allows(_ action: Action, app: EntityID, email: String, now: Int64) -> Bool {
        let key = Key(app: app, email: email, action: action)
        return events.withLock { table in
            (table[key] ?? []).count { $0 > now - Self.windowMilliseconds } < Self.limit(action)
        }
    }

    /// Counts `action` for (app, email) at `now`.
    func record(_ action: Action, app: EntityID, email: String, now: Int64) {
        let key = Key(app: app, email: email, action: action)
        let since = now - Self.windowMilliseconds
        events.withLock { table in
            if table.count > Self.sweepThreshold {
                table = table.filter { $0.value.last.map { $0 > since } ?? false }
            }
            var times = (table[key] ?? []).filter { $0 > since }
            times.append(now)
            table[key] = times
        }
    }

    /// Counts a send, unless the limit is reached: then the upstream 429 (§8.3).
    func admitSend(app: EntityID, email: String, now: Int64) throws(InstantError) {
        guard allows(.sendCode, app: app, email: email, now: now) else {
            throw InstantError(
                .rateLimited, "Too many verification codes requested for this email. Please try again later.")
        }
        record(.sendCode, app: app, email: email, now: now)
    }

    /// Refuses a verify once too many wrong codes were tried for the email.
    func checkVerify(app: EntityID, email: String, now: Int64) throws(InstantError) {
        guard allows(.failedVerify, app: app, email: email, now: now) else {
            throw InstantError(
                .rateLimited, "Too many incorrect codes tried for this email. Please request a new code later.")
        }
    }

    private static func limit(_ action: Action) -> Int {
        switch action {
        case .sendCode: sendsPerWindow
        case .failedVerify: failedVerifiesPerWindow
        }
    }
}
