extension HTTPServer {
    /// Where the server listens, its limits and timeouts, and the clock and loop it uses.
    public struct Configuration: Sendable {
        /// Default `idleTimeout`: 60 s. Every client in this API drops idle keep-alive
        /// connections sooner (Node's undici after 4 s, httpx after 5 s).
        public static let defaultIdleTimeout = Duration.seconds(60)
        /// Default `requestTimeout`: 30 s of silence in the middle of a request.
        public static let defaultRequestTimeout = Duration.seconds(30)
        /// Default `writeTimeout`: 60 s, matching the Python client's read timeout
        /// (protocol-http §1.6), after which that client has given up anyway.
        public static let defaultWriteTimeout = Duration.seconds(60)
        /// Default `shutdownGracePeriod`: 10 s for requests in flight to finish.
        public static let defaultShutdownGracePeriod = Duration.seconds(10)

        /// The host to bind, for example `127.0.0.1`, `0.0.0.0` or `::1`.
        public var host: String
        /// The port to bind; 0 lets the kernel choose (read it back from `HTTPServer.port`).
        public var port: Int
        /// Request size limits (431 and 413).
        public var limits: HTTPLimits
        /// How long a keep-alive connection may sit between requests before it is closed
        /// silently.
        public var idleTimeout: Duration
        /// How long a client may go silent in the middle of a request before it is answered
        /// 408 and closed: the slow-client guard.
        public var requestTimeout: Duration
        /// How long one write may wait for a client that is not reading before the connection
        /// is dropped.
        public var writeTimeout: Duration
        /// How long `shutdown()` lets requests in flight finish before cancelling them, so a
        /// stuck handler cannot keep the process alive.
        public var shutdownGracePeriod: Duration
        /// The clock timeouts are measured on; injectable so tests control time (STYLE §7).
        public var clock: any Clock<Duration>
        /// The readiness loop the listening socket waits on, and connections too unless
        /// `connectionLoops` names others.
        public var loop: ReadinessLoop
        /// Loops that accepted connections are dealt to in turn; empty means `loop`. Parked
        /// connections are served on their loop's thread, so one loop per core lets
        /// immediate answers use every core (`ReadinessLoop.sharedGroup`).
        public var connectionLoops: [ReadinessLoop]

        /// Builds a configuration, defaulting to 127.0.0.1 on a free port with the
        /// documented limits and timeouts.
        public init(
            host: String = "127.0.0.1",
            port: Int = 0,
            limits: HTTPLimits = HTTPLimits(),
            idleTimeout: Duration = defaultIdleTimeout,
            requestTimeout: Duration = defaultRequestTimeout,
            writeTimeout: Duration = defaultWriteTimeout,
            shutdownGracePeriod: Duration = defaultShutdownGracePeriod,
            clock: any Clock<Duration> = ContinuousClock(),
            loop: ReadinessLoop = .shared,
            connectionLoops: [ReadinessLoop] = []
        ) {
            self.host = host
            self.port = port
            self.limits = limits
            self.idleTimeout = idleTimeout
            self.requestTimeout = requestTimeout
            self.writeTimeout = writeTimeout
            self.shutdownGracePeriod = shutdownGracePeriod
            self.clock = clock
            self.loop = loop
            self.connectionLoops = connectionLoops
        }
    }
}
