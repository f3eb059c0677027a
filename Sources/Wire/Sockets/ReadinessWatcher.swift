/// Who is called back when a `ReadinessLoop.watch` ends, instead of a suspended task.
///
/// An object rather than a closure: a parked keep-alive connection watches again after
/// every request, and passing itself costs a retain where a fresh closure context cost an
/// allocation and a copy of everything it captured.
public protocol ReadinessWatcher: AnyObject, Sendable {
    /// The watch ended: `.success(isCleanEdge)` on readiness (see
    /// `ReadinessEvent.isCleanEdge`), `.timedOut` once its deadline passed, `.interrupted`
    /// when interrupted, forgotten or ended with `endWatch`.
    func readinessEnded(_ outcome: Result<Bool, SocketError>)
}

/// A watcher that calls a closure, for callers that watch once.
final class CallbackWatcher: ReadinessWatcher {
    /// Called with the outcome.
    private let callback: @Sendable (Result<Bool, SocketError>) -> Void

    /// Wraps `callback`.
    init(_ callback: @escaping @Sendable (Result<Bool, SocketError>) -> Void) {
        self.callback = callback
    }

    func readinessEnded(_ outcome: Result<Bool, SocketError>) {
        callback(outcome)
    }
}
