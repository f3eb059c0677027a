import Synchronization

/// An action that runs at most once, however many times and from whichever threads it is
/// called: closing a connection twice could close a descriptor number the kernel has
/// already handed to a new connection.
final class OnceAction: Sendable {
    /// Set by the first call.
    private let hasRun = Atomic(false)
    /// What the first call runs.
    private let action: @Sendable () -> Void

    /// Wraps `action`.
    init(_ action: @escaping @Sendable () -> Void) {
        self.action = action
    }

    /// Runs the action unless it has already run.
    func callAsFunction() {
        guard hasRun.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        action()
    }
}
