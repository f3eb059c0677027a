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
    /// Ping interval, idle timeout and limits of the socket (§2.1).
    public var webSocket: WebSocketConnection.Configuration

    /// Builds a host with the default WebSocket timing (ping every 5 s, close after 15 s
    /// of silence).
    public init(
        apps: AppDirectory, storage: any AppStorage,
        webSocket: WebSocketConnection.Configuration = WebSocketConnection.Configuration()
    ) {
        self.apps = apps
        self.storage = storage
        self.webSocket = webSocket
    }

    /// The answer to the upgrade request: 101 and a session, or the handshake's 400.
    public func upgradeResponse(for request: HTTPRequest) -> HTTPResponse {
        WebSocketHandshake.upgradeResponse(for: request, configuration: webSocket) { connection in
            await run(connection)
        }
    }

    /// Runs one session until the connection closes, then drops everything it held
    /// (§3.2: the client never unsubscribes an old session).
    ///
    /// One forwarding task moves frames into the session's inbox; this task is the
    /// session's lane and handles the inbox in order.
    public func run(_ connection: WebSocketConnection) async {
        let inbox = SessionInbox()
        var lane = SessionLane(host: self, connection: connection, inbox: inbox)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await message in connection.messages {
                    guard inbox.post(message) else {
                        connection.close(code: .policyViolation, reason: "too many unprocessed messages")
                        break
                    }
                }
                inbox.finish()
            }
            for await input in inbox.inputs {
                await lane.handle(input)
            }
            group.cancelAll()
        }
        lane.detach()
    }
}
