/// A listening socket that accepts connections by suspending on a `ReadinessLoop`.
public struct TCPListener: Sendable {
    /// The listening descriptor.
    public let socket: Socket
    /// The loop that wakes `accept()`.
    public let loop: ReadinessLoop
    /// The port actually bound; differs from the requested one when that was 0.
    public let port: Int
    /// The listening socket's adoption by `loop`, which `interrupt()` aims at.
    let adoption: ReadinessLoop.Adoption

    /// Binds and listens on `host`:`port` (port 0 lets the kernel pick a free one).
    public init(host: String, port: Int, loop: ReadinessLoop = .shared) throws(SocketError) {
        let socket = try Socket.makeListener(host: host, port: port)
        do throws(SocketError) {
            self.port = try socket.localPort()
        } catch {
            socket.close()
            throw error
        }
        self.socket = socket
        self.loop = loop
        adoption = loop.adopt(socket)
    }

    /// Waits for the next connection.
    ///
    /// - Parameter target: the loop the connection's waits go to; the listener's own by
    ///   default. A server spreads its connections over several loops this way.
    /// - Throws: `.interrupted` after `interrupt()`; that is how a server stops accepting.
    public func accept(onto target: ReadinessLoop? = nil) async throws(SocketError) -> AsyncSocket {
        while true {
            if let client = try socket.acceptNow() {
                return AsyncSocket(socket: client, loop: target ?? loop)
            }
            try await loop.waitUntilReady(socket, for: .read)
        }
    }

    /// Makes the current and every later `accept()` throw `.interrupted`.
    public func interrupt() {
        loop.interrupt(adoption)
    }

    /// Unregisters and closes the listening socket; new connections are refused from now on.
    public func close() {
        loop.forget(socket)
        socket.close()
    }
}
