import Engine

/// Ends one SSE session exactly once, however its event stream ends.
///
/// The stream can finish, be cancelled, or simply be dropped unread: the connection gives
/// up without iterating when it is draining or the head cannot be written, and stops
/// iterating when a write fails. A dropped `AsyncStream(unfolding:)` calls neither of its
/// closures, so the session would keep its subscriptions and outlet forever; releasing the
/// stream releases this object, and `deinit` ends the session then.
final class SSESessionEnding: Sendable {
    private let outlet: SSEOutlet
    private let inbox: SessionInbox
    private let ended = OnceFlag()

    init(outlet: SSEOutlet, inbox: SessionInbox) {
        self.outlet = outlet
        self.inbox = inbox
    }

    deinit {
        end()
    }

    /// Closes the outlet and queues the session's clean-up, the first time only.
    func end() {
        guard ended.set() else { return }
        outlet.close()
        inbox.finishSoon()
    }
}
