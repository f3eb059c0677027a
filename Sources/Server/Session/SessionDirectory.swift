import Engine
import Synchronization

/// The live sessions by id: the session queue's workers find a session's runner here,
/// and the SSE upstream channel its inbox (protocol-session §2.2).
final class SessionDirectory: Sendable {
    private struct Entry: Sendable {
        var runner: SessionRunner
        var inbox: SessionInbox
    }

    private let entries = Mutex<[EntityID: Entry]>([:])

    func add(_ session: EntityID, runner: SessionRunner, inbox: SessionInbox) {
        entries.withLock { $0[session] = Entry(runner: runner, inbox: inbox) }
    }

    func remove(_ session: EntityID) {
        _ = entries.withLock { $0.removeValue(forKey: session) }
    }

    func runner(_ session: EntityID) -> SessionRunner? {
        entries.withLock { $0[session]?.runner }
    }

    func inbox(_ session: EntityID) -> SessionInbox? {
        entries.withLock { $0[session]?.inbox }
    }

    var count: Int { entries.withLock { $0.count } }
}
