#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A connected socket whose reads and writes suspend on a `ReadinessLoop` instead of
/// blocking a thread.
///
/// A value type with no mutable state: one task may read while another writes (the
/// WebSocket reader/writer split), since the loop tracks the two directions separately.
/// Whoever accepted or connected it closes it, exactly once.
public struct AsyncSocket: Sendable {
    /// The underlying descriptor.
    public let socket: Socket
    /// The loop that wakes this socket's waits.
    public let loop: ReadinessLoop
    /// This socket's adoption by `loop`, which `interrupt()` aims at.
    let adoption: ReadinessLoop.Adoption

    /// Adopts an already non-blocking socket, for example one end of a socketpair in tests.
    public init(socket: Socket, loop: ReadinessLoop = .shared) {
        self.socket = socket
        self.loop = loop
        adoption = loop.adopt(socket)
    }

    /// Connects to `host`:`port`, suspending while the handshake is in progress.
    public static func connect(
        host: String, port: Int, loop: ReadinessLoop = .shared
    ) async throws(SocketError) -> AsyncSocket {
        let (socket, inProgress) = try Socket.startConnect(host: host, port: port)
        let connection = AsyncSocket(socket: socket, loop: loop)
        guard inProgress else { return connection }
        do throws(SocketError) {
            try await loop.waitUntilReady(socket, for: .write)
            try socket.finishConnect()
        } catch {
            connection.close()
            throw error
        }
        return connection
    }

    /// Reads the next bytes, suspending until some arrive.
    ///
    /// - Parameter deadline: when to give up with `.timedOut`; nil waits without limit.
    /// - Returns: at least one byte, or an empty array at end of input (the peer closed).
    public func read(
        maxBytes: Int = Socket.receiveChunkBytes, deadline: ContinuousClock.Instant? = nil
    ) async throws(SocketError) -> [UInt8] {
        while true {
            switch try socket.receiveNow(maxBytes: maxBytes) {
            case .bytes(let bytes): return bytes
            case .endOfInput: return []
            case .wouldBlock: try await loop.waitUntilReady(socket, for: .read, deadline: deadline)
            }
        }
    }

    /// Writes all of `bytes`, suspending whenever the kernel's send buffer is full.
    ///
    /// - Parameter deadline: when to give up with `.timedOut`; nil waits without limit.
    public func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant? = nil) async throws(SocketError) {
        var remaining = try writeWithoutWaiting(bytes[...])
        while !remaining.isEmpty {
            try await loop.waitUntilReady(socket, for: .write, deadline: deadline)
            remaining = try writeWithoutWaiting(remaining)
        }
    }

    /// Writes as much of `bytes` as the kernel's send buffer takes now, without waiting.
    ///
    /// - Returns: the bytes left unwritten; empty when everything went.
    public func writeWithoutWaiting(_ bytes: ArraySlice<UInt8>) throws(SocketError) -> ArraySlice<UInt8> {
        var remaining = bytes
        while !remaining.isEmpty {
            let written = try socket.sendNow(remaining)
            if written == 0 { break }
            remaining = remaining.dropFirst(written)
        }
        return remaining
    }

    /// Reads without waiting: returns what is buffered now, `[]` at end of input, or `nil`
    /// when nothing is available yet.
    public func readIfAvailable(maxBytes: Int = Socket.receiveChunkBytes) throws(SocketError) -> [UInt8]? {
        switch try socket.receiveNow(maxBytes: maxBytes) {
        case .bytes(let bytes): return bytes
        case .endOfInput: return []
        case .wouldBlock: return nil
        }
    }

    /// Half-closes the socket: the peer reads end of input, but we can still read its reply.
    public func shutdownWriting() throws(SocketError) {
        #if canImport(Glibc)
            let how = Int32(SHUT_WR)
        #else
            let how = SHUT_WR
        #endif
        try SystemCall.shutdown.perform { shutdownSocket(socket.descriptor, how) }
    }

    /// Makes pending and future waits on this socket throw `.interrupted`, for shutdown;
    /// once the socket is closed it does nothing, even if its number serves another socket.
    public func interrupt() {
        loop.interrupt(adoption)
    }

    /// Unregisters the socket from the loop and closes it.
    public func close() {
        loop.forget(socket)
        socket.close()
    }
}

/// `shutdown(2)`, spelled apart from anything named `shutdown` in scope.
private func shutdownSocket(_ descriptor: Int32, _ how: Int32) -> Int32 {
    shutdown(descriptor, how)
}
