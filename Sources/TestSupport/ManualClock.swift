import Synchronization

/// A clock that only moves when a test calls `advance(by:)`, so timer-driven behaviour
/// (WebSocket pings and idle timeouts) is tested deterministically instead of by sleeping
/// (STYLE §7, §9).
///
/// `waitForSleepers(_:)` lets a test wait until the code under test is actually sleeping
/// before it advances time, so no tick is lost to a race.
public final class ManualClock: Clock, Sendable {
    /// A point on the manual time line: the time advanced since the clock was made.
    public struct Instant: InstantProtocol, Sendable {
        /// Time since the clock's start.
        public var offset: Duration

        public func advanced(by duration: Duration) -> Instant {
            Instant(offset: offset + duration)
        }

        public func duration(to other: Instant) -> Duration {
            other.offset - offset
        }

        public static func < (lhs: Instant, rhs: Instant) -> Bool {
            lhs.offset < rhs.offset
        }
    }

    /// A suspended `sleep`.
    private struct Sleeper {
        var deadline: Instant
        var continuation: CheckedContinuation<Bool, Never>
    }

    /// A test waiting for enough sleepers.
    private struct Watcher {
        var count: Int
        /// Only sleepers due by then count; nil counts every sleeper.
        var dueBy: Instant?
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var now = Instant(offset: .zero)
        var sleepers: [Int: Sleeper] = [:]
        var watchers: [Watcher] = []
        var nextID = 0
    }

    private let state = Mutex(State())

    /// A clock at offset zero.
    public init() {}

    public var now: Instant { state.withLock { $0.now } }

    public var minimumResolution: Duration { .zero }

    /// Suspends until the clock is advanced to `deadline`; throws `CancellationError` when
    /// the task is cancelled first.
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let id = state.withLock { s -> Int in
            s.nextID += 1
            return s.nextID
        }
        let finished = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let (immediate, watchers) = state.withLock { s -> (Bool?, [Watcher]) in
                    if Task.isCancelled { return (false, []) }
                    if deadline <= s.now { return (true, []) }
                    s.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return (nil, Self.satisfiedWatchers(&s))
                }
                if let immediate { continuation.resume(returning: immediate) }
                for watcher in watchers { watcher.continuation.resume() }
            }
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(returning: false)
        }
        if !finished { throw CancellationError() }
    }

    /// Moves time forward, waking every sleeper whose deadline has come.
    public func advance(by duration: Duration) {
        let woken = state.withLock { s -> [Sleeper] in
            s.now = s.now.advanced(by: duration)
            let due = s.sleepers.filter { $0.value.deadline <= s.now }
            for id in due.keys { s.sleepers[id] = nil }
            return Array(due.values)
        }
        for sleeper in woken { sleeper.continuation.resume(returning: true) }
    }

    /// How many tasks are sleeping on this clock now.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// Returns once at least `count` tasks are sleeping on this clock.
    ///
    /// - Parameter dueBy: count only sleepers whose deadline is at or before this instant.
    ///   Code often sleeps on one clock for different reasons (a 5 s ping timer, a 30 s
    ///   write timeout racing each write); naming the deadline waits for the timer the
    ///   test means to fire, not for a sleeper that happens to exist for a moment.
    public func waitForSleepers(_ count: Int = 1, dueBy: Instant? = nil) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let watcher = Watcher(count: count, dueBy: dueBy, continuation: continuation)
            let ready = state.withLock { s -> Bool in
                if Self.isSatisfied(watcher, by: s) { return true }
                s.watchers.append(watcher)
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Whether enough sleepers exist for `watcher`.
    private static func isSatisfied(_ watcher: Watcher, by s: State) -> Bool {
        guard let dueBy = watcher.dueBy else { return s.sleepers.count >= watcher.count }
        return s.sleepers.values.count { $0.deadline <= dueBy } >= watcher.count
    }

    /// Removes and returns the watchers the current sleepers satisfy.
    private static func satisfiedWatchers(_ s: inout State) -> [Watcher] {
        let state = s
        let satisfied = s.watchers.filter { isSatisfied($0, by: state) }
        s.watchers.removeAll { isSatisfied($0, by: state) }
        return satisfied
    }
}
