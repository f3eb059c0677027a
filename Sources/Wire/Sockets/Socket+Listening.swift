#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Socket {
    /// How many not-yet-accepted connections the kernel queues before refusing new ones.
    ///
    /// A dev server sees bursts from test suites opening many clients at once; 128 matches
    /// the common `SOMAXCONN` default and is clamped by the kernel anyway.
    static let listenBacklog: Int32 = 128

    /// Opens a non-blocking socket listening on `host`:`port`; port 0 lets the kernel pick.
    ///
    /// `SO_REUSEADDR` is set so a restarted dev server can rebind a port that still has
    /// connections in `TIME_WAIT`.
    static func makeListener(host: String, port: Int) throws(SocketError) -> Socket {
        let address = try SocketAddress.resolve(host: host, port: port, passive: true)
        let socket = try Socket.makeStream(family: address.family)
        do throws(SocketError) {
            try socket.setOption(level: SOL_SOCKET, name: SO_REUSEADDR, value: 1)
            do throws(SocketError) {
                try SystemCall.bind.perform {
                    address.withSocketAddress { bind(socket.descriptor, $0, $1) }
                }
            } catch .system(.bind, errno: EADDRINUSE) {
                throw .addressInUse(port: port)
            }
            try SystemCall.listen.perform { listen(socket.descriptor, listenBacklog) }
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    /// The port this socket is bound to, in host byte order.
    func localPort() throws(SocketError) -> Int {
        try SocketAddress.local(of: self).port
    }

    /// Accepts one pending connection without blocking.
    ///
    /// - Returns: the connected socket, already non-blocking with `TCP_NODELAY` (small SSE
    ///   and WebSocket writes must not wait for Nagle), or `nil` when none is pending.
    func acceptNow() throws(SocketError) -> Socket? {
        let descriptor: Int32
        do throws(SocketError) {
            descriptor = try SystemCall.accept.perform { accept(self.descriptor, nil, nil) }
        } catch .wouldBlock {
            return nil
        } catch .system(.accept, errno: ECONNABORTED) {
            return nil
        }
        let client = Socket(descriptor: descriptor)
        do throws(SocketError) {
            try client.prepareForPolling()
            try client.setOption(level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1)
        } catch {
            client.close()
            throw error
        }
        return client
    }

    /// Starts a non-blocking connect to `host`:`port`.
    ///
    /// - Returns: the socket and whether the connection is still in progress, in which case
    ///   the caller waits for writability and then calls `finishConnect()`.
    static func startConnect(host: String, port: Int) throws(SocketError) -> (Socket, inProgress: Bool) {
        let address = try SocketAddress.resolve(host: host, port: port, passive: false)
        let socket = try Socket.makeStream(family: address.family)
        do throws(SocketError) {
            try socket.setOption(level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1)
            try SystemCall.connect.perform {
                address.withSocketAddress { connect(socket.descriptor, $0, $1) }
            }
            return (socket, false)
        } catch .wouldBlock {
            return (socket, true)
        } catch {
            socket.close()
            throw error
        }
    }

    /// Reports the outcome of a connect that was in progress, once the socket is writable.
    func finishConnect() throws(SocketError) {
        let code = try option(level: SOL_SOCKET, name: SO_ERROR)
        if code != 0 { throw SocketError(.connect, errno: code) }
    }
}
