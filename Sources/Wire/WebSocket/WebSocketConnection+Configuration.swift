extension WebSocketConnection {
    /// Heartbeat timing, limits and the clock a connection runs on.
    public struct Configuration: Sendable {
        /// Default `pingInterval`: upstream pings every 5 s (protocol-session §2.1).
        public static let defaultPingInterval = Duration.seconds(5)
        /// Default `idleTimeout`: upstream closes after 15 s without any frame from the client
        /// (protocol-session §2.1). Browsers and `ws` answer pings, so only dead peers hit it.
        public static let defaultIdleTimeout = Duration.seconds(15)
        /// Default `writeTimeout`: 30 s for the kernel to take one frame before the client is
        /// considered gone.
        public static let defaultWriteTimeout = Duration.seconds(30)

        /// How often the server pings; also the granularity of the idle check.
        public var pingInterval: Duration
        /// How long the peer may send nothing at all (no message, no pong) before the server
        /// closes the connection; also how long it waits for the peer's close reply.
        public var idleTimeout: Duration
        /// How long one frame may wait for a peer that stopped reading.
        public var writeTimeout: Duration
        /// Message and queue size limits.
        public var limits: WebSocketLimits
        /// The clock timers sleep on; injectable so tests control time (STYLE §7).
        public var clock: any Clock<Duration>

        /// Builds a configuration with the documented defaults.
        public init(
            pingInterval: Duration = defaultPingInterval,
            idleTimeout: Duration = defaultIdleTimeout,
            writeTimeout: Duration = defaultWriteTimeout,
            limits: WebSocketLimits = WebSocketLimits(),
            clock: any Clock<Duration> = ContinuousClock()
        ) {
            self.pingInterval = pingInterval
            self.idleTimeout = idleTimeout
            self.writeTimeout = writeTimeout
            self.limits = limits
            self.clock = clock
        }
    }
}
