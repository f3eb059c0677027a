import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One raw conversation with a server over a blocking socket: send some bytes in pieces,
/// optionally half-close, then read everything until the server closes.
///
/// Blocking on purpose, and always run on a thread of its own (`onThread`), so the in-process
/// server keeps every cooperative thread. Every send and receive is bounded, so a server that
/// hangs shows up as `.timedOut` instead of a stuck test.
struct BlockingExchange: Sendable {
    /// How the conversation ended.
    enum Ending: Equatable, Sendable {
        /// The server closed the connection (end of input).
        case closed
        /// The server reset the connection (it closed with our bytes unread).
        case reset
        /// Nothing arrived for `timeoutSeconds`: the server hangs.
        case timedOut
        /// The connection could not be made: the server is gone.
        case refused(Int32)
    }

    /// Everything received, and how the connection ended.
    struct Outcome: Sendable {
        var received: [UInt8]
        var ending: Ending
    }

    /// The server's port on 127.0.0.1.
    var port: Int
    /// The bound on any single send or receive: far beyond any answer the server owes, but
    /// forgiving when other suites keep the cooperative pool busy in a full parallel run.
    var timeoutSeconds = 30

    /// Sends `pieces` one `send` call each (no pause between them), half-closes when
    /// `halfClose`, and reads until the server closes, resets or goes silent.
    func run(_ pieces: [[UInt8]], halfClose: Bool) -> Outcome {
        let fd: Int32
        switch connect() {
        case .success(let descriptor): fd = descriptor
        case .failure(let failure): return Outcome(received: [], ending: .refused(failure.code))
        }
        defer { close(fd) }
        sending: for piece in pieces {
            var offset = 0
            while offset < piece.count {
                let sent = piece[offset...].withUnsafeBytes {
                    Self.systemSend(fd, $0.baseAddress, $0.count, Self.noSignal)
                }
                if sent > 0 {
                    offset += sent
                } else if errno == EINTR {
                    continue
                } else if errno == EAGAIN || errno == EWOULDBLOCK {
                    return Outcome(received: [], ending: .timedOut)
                } else {
                    break sending  // the server closed early; read what it said
                }
            }
        }
        if halfClose { _ = shutdown(fd, Self.shutdownWrite) }
        return readAll(fd)
    }

    /// Writes all of `bytes` on a connection from `connect()`; false if the peer is gone.
    func send(_ bytes: [UInt8], on fd: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Self.systemSend(fd, $0.baseAddress, $0.count, Self.noSignal) }
            if sent > 0 {
                offset += sent
            } else if errno != EINTR {
                return false
            }
        }
        return true
    }

    /// Reads one complete response from a connection from `connect()`, leaving the
    /// connection open; nil if it closes or goes silent first.
    func readResponse(on fd: Int32) -> ResponseStream.Response? {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            if let (response, _) = ResponseStream.parseOne(received[...]) { return response }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += buffer[0..<count]
            } else if count < 0, errno == EINTR {
                continue
            } else {
                return nil
            }
        }
    }

    /// Reads until end of input, reset or timeout.
    func readAll(_ fd: Int32) -> Outcome {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += buffer[0..<count]
            } else if count == 0 {
                return Outcome(received: received, ending: .closed)
            } else if errno == EINTR {
                continue
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                return Outcome(received: received, ending: .timedOut)
            } else {
                return Outcome(received: received, ending: .reset)
            }
        }
    }

    /// A connected socket with send and receive timeouts, or the connect errno.
    func connect() -> Result<Int32, ConnectFailure> {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return .failure(ConnectFailure(code: errno)) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)  // never inherited by a child another test spawns
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
            setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Self.systemConnect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            return .failure(ConnectFailure(code: code))
        }
        return .success(fd)
    }

    /// The errno of a failed connect.
    struct ConnectFailure: Error {
        var code: Int32
    }

    #if canImport(Glibc)
        private static let noSignal = Int32(MSG_NOSIGNAL)
        private static let shutdownWrite = Int32(SHUT_WR)
        private static let systemConnect = Glibc.connect
        private static let systemSend = Glibc.send
    #else
        private static let noSignal: Int32 = 0
        private static let shutdownWrite = SHUT_WR
        private static let systemConnect = Darwin.connect
        private static let systemSend = Darwin.send
    #endif
}

/// Runs blocking `body` on a new thread and suspends (without blocking) until it returns.
func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: body()) }
        thread.stackSize = 1 << 20
        thread.start()
    }
}
