import Synchronization

/// A flag that is set once: `set()` answers true only the first time.
final class OnceFlag: Sendable {
    private let isSet = Atomic(false)

    /// Sets the flag; true when this call was the one that set it.
    func set() -> Bool {
        !isSet.exchange(true, ordering: .relaxed)
    }
}
