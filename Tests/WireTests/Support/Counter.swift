import Synchronization

/// A thread-safe counter for checking how often a handler ran.
final class Counter: Sendable {
    /// The count.
    private let count = Mutex(0)

    /// Builds a counter at zero.
    init() {}

    /// The current count.
    var value: Int { count.withLock { $0 } }

    /// Adds one.
    func increment() {
        count.withLock { $0 += 1 }
    }
}
