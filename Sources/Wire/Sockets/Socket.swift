#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A non-blocking TCP socket file descriptor: thin, copyable, with no I/O waiting of its own.
///
/// Waiting belongs to `ReadinessLoop`; this type only wraps syscalls so every one of them
/// goes through `SystemCall.perform` and reports a `SocketError`. Whoever created or accepted
/// the socket owns it and must call `close()` exactly once.
public struct Socket: Sendable, Hashable {
    /// The file descriptor, exposed for the readiness loop and for logs.
    public let descriptor: Int32

    /// Wraps an existing descriptor, for example one end of a `socketpair` in tests.
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Opens a new TCP socket of `family`, switched to non-blocking and close-on-exec.
    static func makeStream(family: Int32) throws(SocketError) -> Socket {
        #if canImport(Glibc)
            let type = Int32(SOCK_STREAM.rawValue)
        #else
            let type = SOCK_STREAM
        #endif
        let descriptor = try SystemCall.socket.perform { openSocketDescriptor(family, type, 0) }
        let socket = Socket(descriptor: descriptor)
        do throws(SocketError) {
            try socket.prepareForPolling()
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    /// Makes the descriptor non-blocking and close-on-exec, and stops writes to a closed peer
    /// from raising `SIGPIPE` on Darwin (Linux passes `MSG_NOSIGNAL` on every send instead).
    ///
    /// Called on every socket we create or accept, because a blocking descriptor would stall
    /// the cooperative thread pool and a `SIGPIPE` would kill the process.
    public func prepareForPolling() throws(SocketError) {
        try makeNonBlocking()
        #if canImport(Darwin)
            try setOption(level: SOL_SOCKET, name: SO_NOSIGPIPE, value: 1)
        #endif
    }

    /// Switches the descriptor to non-blocking and close-on-exec; works for pipes too.
    func makeNonBlocking() throws(SocketError) {
        let flags = try SystemCall.fileControl.perform { fcntl(descriptor, F_GETFL) }
        try SystemCall.fileControl.perform { fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) }
        try SystemCall.fileControl.perform { fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
    }

    /// Sets an integer socket option such as `SO_REUSEADDR` or `TCP_NODELAY`.
    func setOption(level: Int32, name: Int32, value: Int32) throws(SocketError) {
        var value = value
        let size = socklen_t(MemoryLayout<Int32>.size)
        try SystemCall.setOption.perform { setsockopt(descriptor, level, name, &value, size) }
    }

    /// Reads an integer socket option such as `SO_ERROR`.
    func option(level: Int32, name: Int32) throws(SocketError) -> Int32 {
        var value: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        try SystemCall.getOption.perform { getsockopt(descriptor, level, name, &value, &size) }
        return value
    }

    /// Closes the descriptor. `EINTR` is not retried: after `close` fails the descriptor is
    /// already released on Linux, and retrying could close a descriptor another thread reused.
    public func close() {
        #if canImport(Glibc)
            _ = Glibc.close(descriptor)
        #else
            _ = Darwin.close(descriptor)
        #endif
    }
}

#if canImport(Glibc)
    /// `socket(2)`, named apart from our `Socket` type so the call is unambiguous.
    private func openSocketDescriptor(_ family: Int32, _ type: Int32, _ proto: Int32) -> Int32 {
        Glibc.socket(family, type, proto)
    }
#else
    /// `socket(2)`, named apart from our `Socket` type so the call is unambiguous.
    private func openSocketDescriptor(_ family: Int32, _ type: Int32, _ proto: Int32) -> Int32 {
        Darwin.socket(family, type, proto)
    }
#endif
