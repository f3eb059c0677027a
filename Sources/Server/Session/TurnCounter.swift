import Synchronization

/// Counts items taken from the session queue: the clock `SessionWait` is measured in.
final class TurnCounter: Sendable {
    private let value = Atomic(0)

    /// Turns so far.
    var current: Int { value.load(ordering: .relaxed) }

    /// Counts one more turn and returns the new count.
    func advance() -> Int {
        value.add(1, ordering: .relaxed).newValue
    }
}
