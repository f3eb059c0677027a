/// An HTTP/1.1 server: binds, accepts, parses, calls one handler per request, writes the
/// response, and shuts down gracefully.
///
/// The Server module plugs in routing through `handler`; Wire knows nothing of routes.
///
/// ```swift
/// let server = HTTPServer(configuration: .init(port: 8888)) { request in
///     HTTPResponse.json(Array("{}".utf8))
/// }
/// let port = try await server.start()
/// print("listening on \(port)")
/// // ...
/// await server.shutdown()
/// ```
public actor HTTPServer {
    /// Turns a request into a response. Never throws: errors are responses too (protocol-http
    /// §2). Called concurrently for different connections, sequentially within one.
    public typealias Handler = @Sendable (HTTPRequest) async -> HTTPResponse
    /// Answers a request without suspending, or returns nil to leave it to the `Handler`.
    ///
    /// Runs on the readiness loop thread when the request arrives on an idle keep-alive
    /// connection, so it must be quick: every socket on the loop waits while it runs. Its
    /// response should have a `.bytes` body; any other is written by a task.
    public typealias ImmediateHandler = @Sendable (HTTPRequest) -> HTTPResponse?

    /// The application's two handlers.
    struct Handlers: Sendable {
        /// Tried first; see `ImmediateHandler`.
        let immediate: ImmediateHandler?
        /// Answers whatever `immediate` leaves.
        let handler: Handler
    }

    /// The lifecycle.
    private enum Lifecycle {
        /// Created, not started.
        case ready
        /// Accepting on `listener`; `serving` is the accept loop, which ends once every
        /// connection has closed.
        case running(listener: TCPListener, serving: Task<Void, Never>)
        /// `shutdown()` is waiting for `serving` to finish.
        case stopping(serving: Task<Void, Never>)
        /// Shut down; cannot be started again.
        case stopped
    }

    /// Host, port, limits, timeouts, clock and loop.
    public nonisolated let configuration: Configuration
    /// The application handlers.
    private let handlers: Handlers
    /// Open connections, for draining on shutdown.
    private let connections = ConnectionRegistry()
    /// See `Lifecycle`.
    private var lifecycle = Lifecycle.ready

    /// The bound port once started; the kernel's choice when the configuration said 0.
    public private(set) var port: Int?

    /// Builds a server; nothing is bound until `start()`.
    ///
    /// - Parameters:
    ///   - immediate: answers what it can without suspending (see `ImmediateHandler`).
    ///   - handler: answers every other request.
    public init(
        configuration: Configuration = Configuration(), immediate: ImmediateHandler? = nil,
        handler: @escaping Handler
    ) {
        self.configuration = configuration
        handlers = Handlers(immediate: immediate, handler: handler)
    }

    /// How many connections are open now; for diagnostics and tests.
    public var openConnectionCount: Int {
        connections.count
    }

    /// Binds and listens, starts accepting in the background, and returns once the socket is
    /// listening, so the caller can print a banner or connect right away.
    ///
    /// - Returns: the bound port.
    /// - Throws: `SocketError` if binding fails (for example `.addressInUse`); calling it on
    ///   a running server returns its port, on a stopped one throws `.interrupted`.
    @discardableResult
    public func start() throws(SocketError) -> Int {
        switch lifecycle {
        case .ready:
            break
        case .running:
            return port ?? configuration.port
        case .stopping, .stopped:
            throw .interrupted
        }
        let listener = try TCPListener(host: configuration.host, port: configuration.port, loop: configuration.loop)
        let serving = Task { [connections, configuration, handlers] in
            await Self.acceptConnections(
                on: listener, connections: connections, configuration: configuration, handlers: handlers)
        }
        lifecycle = .running(listener: listener, serving: serving)
        port = listener.port
        return listener.port
    }

    /// Stops accepting, lets requests in flight finish (their responses carry
    /// `Connection: close`), closes idle keep-alive connections, cancels event streams and
    /// upgraded connections, and returns when every connection is closed.
    ///
    /// Requests still running after `Configuration.shutdownGracePeriod` are cancelled.
    public func shutdown() async {
        switch lifecycle {
        case .ready:
            lifecycle = .stopped
        case .running(let listener, let serving):
            lifecycle = .stopping(serving: serving)
            listener.interrupt()
            connections.beginShutdown()
            await Self.waitForConnections(
                serving, connections: connections, gracePeriod: configuration.shutdownGracePeriod,
                clock: configuration.clock)
            lifecycle = .stopped
        case .stopping(let serving):
            await serving.value
        case .stopped:
            break
        }
    }

    /// Suspends until the server has shut down (returns at once if it never started).
    ///
    /// For a `main` that serves until a signal handler calls `shutdown()`.
    public func waitUntilStopped() async {
        switch lifecycle {
        case .running(_, let serving), .stopping(let serving):
            await serving.value
        case .ready, .stopped:
            break
        }
    }

    /// Waits for `serving` to end, cancelling every connection if that takes longer than
    /// `gracePeriod`.
    private static func waitForConnections(
        _ serving: Task<Void, Never>, connections: ConnectionRegistry, gracePeriod: Duration,
        clock: any Clock<Duration>
    ) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await serving.value }
            group.addTask {
                guard (try? await clock.sleep(for: gracePeriod)) != nil else { return }
                connections.cancelAll()
            }
            await group.next()
            group.cancelAll()
        }
        await serving.value
    }
}
