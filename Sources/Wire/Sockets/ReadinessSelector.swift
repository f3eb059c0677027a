/// Which kinds of readiness a task is waiting for on one descriptor.
public struct ReadinessInterest: OptionSet, Sendable, Hashable {
    /// The raw bits; only `read` and `write` are defined.
    public let rawValue: UInt8

    /// Builds an interest from raw bits, as `OptionSet` requires.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Bytes (or a pending connection, or end of input) can be read without blocking.
    public static let read = ReadinessInterest(rawValue: 1)
    /// Bytes can be written (or a non-blocking connect finished) without blocking.
    public static let write = ReadinessInterest(rawValue: 2)
}

/// One readiness report from the kernel: `descriptor` is ready for `interest`.
///
/// Errors and hang-ups are reported as `[.read, .write]` so every waiter wakes and finds
/// the error through its own syscall.
struct ReadinessEvent: Sendable, Equatable {
    /// The descriptor that became ready.
    var descriptor: Int32
    /// What it became ready for.
    var interest: ReadinessInterest
    /// Whether the report came with no sign of the peer closing or failing (epoll's
    /// `EPOLLRDHUP`, `EPOLLHUP`, `EPOLLERR`) from an edge-triggered selector: a read that
    /// then comes back short has drained the socket, and anything arriving later, a FIN
    /// included, is reported anew. False when the selector cannot tell.
    var isCleanEdge = false
}

/// The kernel interface behind `ReadinessLoop`: epoll on Linux, `poll(2)` anywhere.
///
/// Contract shared by every implementation, so the loop needs no per-backend logic:
/// an interest stays armed until the selector reports the descriptor once, after which the
/// descriptor is disarmed until the next `update`. Spurious reports are allowed; callers
/// retry their syscall and wait again on `wouldBlock`.
///
/// An edge-triggered selector (`isEdgeTriggered`) instead registers a descriptor for both
/// directions on its first `update` and keeps it: later updates cost nothing, and it reports
/// each new readiness once whether or not anyone waits. The loop then remembers reports
/// nobody waited for (`ReadinessLoop.State.unclaimed`), so a wait that starts after its
/// report still ends at once.
protocol ReadinessSelector: Sendable {
    /// Whether reports arrive on every new readiness rather than once per `update`.
    var isEdgeTriggered: Bool { get }
    /// Arms `descriptor` for exactly `interest`; an empty interest disarms it.
    func update(_ descriptor: Int32, interest: ReadinessInterest) throws(SocketError)
    /// Forgets `descriptor` entirely; called before the descriptor is closed so a reused
    /// number never inherits stale registrations.
    func remove(_ descriptor: Int32)
    /// Blocks until at least one armed descriptor is ready, `wake()` is called, or
    /// `timeoutMilliseconds` pass (-1 waits without limit), then appends the reports to
    /// `ready` (none after a timeout). Only the loop thread waits.
    func wait(timeoutMilliseconds: Int32, into ready: inout [ReadinessEvent]) throws(SocketError)
    /// Makes a blocked or the next `wait()` return promptly.
    func wake()
    /// Releases the selector's own descriptors; only after the loop thread has stopped.
    func close()
}
