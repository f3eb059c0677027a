import Engine
import Wire

/// Serves `GET /runtime/session` (protocol-session §2.1): upgrades to a WebSocket and runs
/// one session over it until it closes.
///
/// A plain value holding what every session needs, built per request by the router.
public struct SessionHost: Sendable {
    /// Where `init` looks up the app (§5.1).
    public let apps: AppDirectory
    /// The apps' databases: their query stores hold the subscriptions.
    public let storage: any AppStorage
    /// The queue every session's inputs go through (server-architecture §5).
    public let scheduler: SessionScheduler
    /// Ping interval, idle timeout and limits of the socket (§2.1).
    public var webSocket: WebSocketConnection.Configuration

    /// Builds a host with the default WebSocket timing (ping every 5 s, close after 15 s
    /// of silence).
    public init(
        apps: AppDirectory, storage: any AppStorage, scheduler: SessionScheduler,
        webSocket: WebSocketConnection.Configuration = WebSocketConnection.Configuration()
    ) {
        self.apps = apps
        self.storage = storage
        self.scheduler = scheduler
        self.webSocket = webSocket
    }

    /// The answer to the upgrade request: 101 and a session, or the handshake's 400.
    public func upgradeResponse(for request: HTTPRequest) -> HTTPResponse {
        WebSocketHandshake.upgradeResponse(for: request, configuration: webSocket) { connection in
            await run(connection)
        }
    }

    /// Runs one session until the connection closes, then queues the clean-up of
    /// everything it held (§3.2: the client never unsubscribes an old session).
    ///
    /// This task only forwards frames into the session's group of the session queue,
    /// whose workers handle them in order; a client that sends faster than it is served
    /// is disconnected (issue 7 item 4).
    public func run(_ connection: WebSocketConnection) async {
        let appHint = connection.request.query["app_id"]
        let inbox = scheduler.open(session: EntityID.random(), app: appHint) { inbox in
            SessionLane(id: inbox.key.session, host: self, connection: connection, inbox: inbox)
        }
        forwarding: for await message in connection.messages {
            switch inbox.post(message) {
            case .queued:
                continue
            case .groupFull:
                connection.close(code: .policyViolation, reason: "too many unprocessed messages")
            case .finished:
                connection.close(code: .goingAway, reason: "server stopping")
            }
            break forwarding
        }
        await inbox.finish()
    }
}
