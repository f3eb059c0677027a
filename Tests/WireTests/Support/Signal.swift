/// A one-shot signal between a test and a handler, so tests wait for events instead of
/// sleeping.
struct Signal: Sendable {
    /// Fires when `fire()` is called.
    private let stream: AsyncStream<Void>
    /// The firing side.
    private let continuation: AsyncStream<Void>.Continuation

    /// Builds an unfired signal.
    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self)
    }

    /// Fires the signal; later `wait()` calls return at once.
    func fire() {
        continuation.finish()
    }

    /// Suspends until the signal fires (or the task is cancelled). Call from one task only.
    func wait() async {
        for await _ in stream {}
    }
}
