import Engine
import Foundation
import Wire

/// The whole server in one object: app list, app data, routes and the HTTP listener.
/// `instant-local` runs one; tests start one on port 0 with in-memory storage.
public final class LocalServer: Sendable {
    /// What a caller needs to talk to a started server.
    public struct Endpoint: Sendable, Equatable {
        public var url: String
        public var port: Int
        public var appID: EntityID
        public var adminToken: EntityID
        public var platformToken: String
    }

    /// Why a server could not start; `message` is one sentence for the user.
    public struct StartError: Error, Equatable {
        public var message: String
    }

    public let apps: AppDirectory
    public let registry: AppRegistry
    /// The queue realtime sessions run on; stopped after the last connection.
    public let sessions: SessionScheduler
    /// Magic codes issued by the routes; the command echoes them after its banner.
    public let magicCodes: MagicCodeOutbox
    let http: HTTPServer
    let host: String

    /// Prepares a server; nothing listens until `start()`.
    /// - Parameters:
    ///   - dataDirectory: nil keeps everything in memory.
    ///   - requestTimeout: how long a client may go silent in the middle of a request before
    ///     it is answered 408; tests shorten it to exercise slow clients quickly.
    ///   - shutdownGracePeriod: how long `shutdown()` waits for requests in flight (including
    ///     one a client stopped sending halfway) before cutting them off.
    ///   - sessionWorkers: how many realtime sessions are served at once (server-architecture §5).
    public init(
        host: String = "127.0.0.1", port: Int = 8888, dataDirectory: String?,
        requestTimeout: Duration = HTTPServer.Configuration.defaultRequestTimeout,
        shutdownGracePeriod: Duration = LocalServer.defaultShutdownGracePeriod,
        sessionWorkers: Int = SessionScheduler.defaultWorkers
    ) throws(StartError) {
        if let dataDirectory {
            do {
                try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
            } catch {
                throw StartError(message: "Cannot use data directory \(dataDirectory): \(error.localizedDescription)")
            }
        }
        do {
            apps = try AppDirectory(dataDirectory: dataDirectory.map { URL(fileURLWithPath: $0) })
        } catch {
            throw StartError(message: error.sentence)
        }
        registry = AppRegistry(directory: dataDirectory.map { ($0 as NSString).appendingPathComponent("apps") })
        sessions = SessionScheduler(workers: sessionWorkers)
        let router = Router(
            apps: apps, storage: registry, platformToken: LocalServer.platformToken, sessions: sessions)
        magicCodes = router.magicCodes
        self.host = host
        let configuration = HTTPServer.Configuration(
            host: host, port: port, requestTimeout: requestTimeout, shutdownGracePeriod: shutdownGracePeriod,
            connectionLoops: ReadinessLoop.sharedGroup)
        let health = HTTPBridge.httpResponse(Router.health).prepared()
        http = HTTPServer(
            configuration: configuration,
            immediate: { request in
                switch Router.immediateRoute(method: request.method.rawValue, path: request.path) {
                case nil: nil
                case .health: health
                case let route?:
                    router.respondImmediately(on: route, to: HTTPBridge.apiRequest(request)).map {
                        HTTPBridge.httpResponse($0)
                    }
                }
            },
            handler: { request in
                HTTPBridge.httpResponse(await router.respond(to: HTTPBridge.apiRequest(request)), for: request)
            })
    }

    /// Default `shutdownGracePeriod`: 3 s. SIGTERM must end the command within a few seconds
    /// even while a client is stuck halfway through a request (issue #6); every route answers
    /// far sooner, and a cut-off transaction is still committed and flushed.
    public static let defaultShutdownGracePeriod = Duration.seconds(3)

    /// The platform token printed at start; any non-empty bearer works on `/dash` and `/superadmin`.
    public static let platformToken = "per_instantlocal"

    /// Loads the default app (replaying its log), optionally seeds it, then listens.
    /// Returns once the socket accepts connections.
    public func start(fixtures: String? = nil) async throws(StartError) -> Endpoint {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let app: AppRecord
        do {
            app = try apps.defaultApp(now: now)
        } catch {
            throw StartError(message: error.sentence)
        }
        let database: AppDatabase
        do {
            database = try registry.database(for: app.id)
        } catch {
            throw StartError(message: "Cannot open the data of app \(app.id): \(error)")
        }
        if let fixtures { try await seed(database, from: fixtures) }
        let port: Int
        do throws(SocketError) {
            port = try await http.start()
        } catch {
            throw LocalServer.listenError(error, host: host, port: http.configuration.port)
        }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return Endpoint(
            url: "http://\(shownHost):\(port)", port: port, appID: app.id, adminToken: app.adminToken,
            platformToken: LocalServer.platformToken)
    }

    /// One sentence saying why the socket could not listen, with the usual way out.
    static func listenError(_ error: SocketError, host: String, port: Int) -> StartError {
        switch error {
        case .addressInUse:
            StartError(
                message: "Port \(port) on \(host) is already in use; stop the other server or pick another port "
                    + "with --port (0 picks a free one).")
        case .unresolvableHost(let name):
            StartError(message: "Cannot listen on \(name): the host name does not resolve to an address.")
        case .system(let call, let code):
            StartError(
                message: "Cannot listen on \(host):\(port): \(call.rawValue) failed (\(String(cString: strerror(code)))).")
        case .wouldBlock, .connectionReset, .connectionRefused, .interrupted, .cancelled, .timedOut:
            StartError(message: "Cannot listen on \(host):\(port): \(error).")
        }
    }

    /// Seeds an empty app from a fixture folder; an app that already has data is left alone.
    private func seed(_ database: AppDatabase, from path: String) async throws(StartError) {
        let fixture: Fixture
        do {
            fixture = try Fixture.load(from: URL(fileURLWithPath: path))
        } catch {
            throw StartError(message: "Cannot read fixtures from \(path): \(error)")
        }
        guard database.lastTxID == 0 else { return }
        for batch in fixture.batches() {
            do {
                _ = try await database.transact(batch.steps, context: batch.context)
            } catch {
                throw StartError(message: "Fixtures in \(path) were rejected: \(error.message)")
            }
        }
    }

    /// Stops accepting, finishes in-flight requests, then flushes and closes every app and
    /// folds the app list's journal into `apps.json`.
    public func shutdown() async {
        await http.shutdown()
        await sessions.shutdown()
        registry.close()
        try? apps.compact()
    }
}
