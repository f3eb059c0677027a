import Engine
import Foundation
import Server

/// A whole instant-local server started in this process on 127.0.0.1, port 0, with
/// in-memory storage: for Swift tests, ours and users' (issue #6 item 6).
public struct TestServer: Sendable {
    public let server: LocalServer
    public let endpoint: LocalServer.Endpoint

    /// Starts a server and returns once it accepts connections.
    /// - Parameters:
    ///   - dataDirectory: nil keeps everything in memory.
    ///   - requestTimeout: how long a client may stall mid-request before it gets 408; short
    ///     values let slow-client tests finish quickly.
    ///   - sessionWorkers: how many realtime sessions are served at once.
    public static func start(
        dataDirectory: String? = nil, fixtures: String? = nil, requestTimeout: Duration = .seconds(30),
        sessionWorkers: Int = SessionScheduler.defaultWorkers
    ) async throws -> TestServer {
        let server = try LocalServer(
            host: "127.0.0.1", port: 0, dataDirectory: dataDirectory, requestTimeout: requestTimeout,
            sessionWorkers: sessionWorkers)
        let endpoint = try await server.start(fixtures: fixtures)
        return TestServer(server: server, endpoint: endpoint)
    }

    /// The base URL, e.g. `http://127.0.0.1:53122`.
    public var url: String { endpoint.url }
    public var appID: EntityID { endpoint.appID }
    public var adminToken: EntityID { endpoint.adminToken }

    /// Stops the server and waits until it has.
    public func stop() async { await server.shutdown() }
}
