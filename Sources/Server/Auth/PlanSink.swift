import Synchronization

/// Carries what a `transact(build:)` closure worked out under the app's lock (an
/// `AuthPlan`, an OAuth redirect) back to the route once the commit is durable.
final class PlanSink<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)

    /// Keeps `newValue`, returning it for chaining inside the build closure.
    @discardableResult
    func keep(_ newValue: Value) -> Value {
        value.withLock { $0 = newValue }
        return newValue
    }

    /// What the closure kept, if it ran to the end.
    var kept: Value? { value.withLock { $0 } }
}
