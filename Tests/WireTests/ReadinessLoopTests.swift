import Testing

@testable import Wire

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Readiness loop behaviour over socketpairs, against both selectors.
@Suite(.timeLimit(.minutes(1)))
struct ReadinessLoopTests {
    /// A connected pair of non-blocking stream sockets on `loop`.
    static func makePair(loop: ReadinessLoop) throws -> (AsyncSocket, AsyncSocket) {
        var descriptors: [Int32] = [0, 0]
        #if canImport(Glibc)
            let type = Int32(SOCK_STREAM.rawValue)
        #else
            let type = SOCK_STREAM
        #endif
        try #require(socketpair(AF_UNIX, type, 0, &descriptors) == 0)
        let first = Socket(descriptor: descriptors[0])
        let second = Socket(descriptor: descriptors[1])
        try first.makeNonBlocking()
        try second.makeNonBlocking()
        return (AsyncSocket(socket: first, loop: loop), AsyncSocket(socket: second, loop: loop))
    }

    static let backends: [ReadinessLoop.Backend] = [.platformDefault, .poll]

    /// Runs `body` with a fresh loop on `backend` and a socketpair on it, then closes the
    /// pair and stops the loop.
    static func withPair(
        backend: ReadinessLoop.Backend = .platformDefault,
        _ body: (ReadinessLoop, AsyncSocket, AsyncSocket) async throws -> Void
    ) async throws {
        let loop = try ReadinessLoop(backend: backend)
        defer { loop.stop() }
        let (left, right) = try makePair(loop: loop)
        defer {
            left.close()
            right.close()
        }
        try await body(loop, left, right)
    }

    @Test(arguments: backends)
    func wakesAReaderWhenBytesArrive(backend: ReadinessLoop.Backend) async throws {
        try await ReadinessLoopTests.withPair(backend: backend) { loop, left, right in
            async let received = left.read()
            try await right.write(Array("ping".utf8))
            #expect(try await received == Array("ping".utf8))
            try right.shutdownWriting()
            #expect(try await left.read() == [])
        }
    }

    @Test(arguments: backends)
    func writesMoreThanTheSocketBufferHolds(backend: ReadinessLoop.Backend) async throws {
        try await ReadinessLoopTests.withPair(backend: backend) { loop, left, right in
            let payload = (0..<1_000_000).map { UInt8(truncatingIfNeeded: $0) }
            async let written: Void = left.write(payload)
            var received: [UInt8] = []
            while received.count < payload.count {
                received += try await right.read()
            }
            try await written
            #expect(received == payload)
        }
    }

    @Test(arguments: backends)
    func cancellingAWaitThrowsCancelled(backend: ReadinessLoop.Backend) async throws {
        try await ReadinessLoopTests.withPair(backend: backend) { loop, left, right in
            let reader = Task { () async -> Result<[UInt8], SocketError> in
                do throws(SocketError) { return .success(try await left.read()) } catch { return .failure(error) }
            }
            reader.cancel()
            #expect(await reader.value == .failure(.cancelled))
        }
    }

    @Test(arguments: backends)
    func interruptFailsCurrentAndFutureWaitsUntilForgotten(backend: ReadinessLoop.Backend) async throws {
        let loop = try ReadinessLoop(backend: backend)
        defer { loop.stop() }
        let (left, right) = try Self.makePair(loop: loop)
        defer { right.close() }
        let started = Signal()
        let reader = Task { () async -> Result<[UInt8], SocketError> in
            started.fire()
            do throws(SocketError) { return .success(try await left.read()) } catch { return .failure(error) }
        }
        await started.wait()
        left.interrupt()
        #expect(await reader.value == .failure(.interrupted))
        await #expect(throws: SocketError.interrupted) { try await left.read() }
        left.close()
    }

    /// An interrupt that comes after its socket closed (another thread aborting it) must not
    /// reach the next socket given the same number. Adopting the same descriptor again is
    /// what a reused number looks like to the loop, without depending on the kernel's choice.
    @Test func aLateInterruptDoesNotReachTheNextSocketWithTheSameNumber() async throws {
        let loop = try ReadinessLoop()
        defer { loop.stop() }
        let (old, peer) = try Self.makePair(loop: loop)
        let reused = AsyncSocket(socket: old.socket, loop: loop)
        defer {
            reused.close()
            peer.close()
        }
        let started = Signal()
        let reader = Task { () async -> Result<[UInt8], SocketError> in
            started.fire()
            do throws(SocketError) { return .success(try await reused.read()) } catch { return .failure(error) }
        }
        await started.wait()
        // Whether the reader is waiting yet or about to, the stale interrupt must not end it.
        old.interrupt()
        try await peer.write(Array("still served".utf8))
        #expect(await reader.value == .success(Array("still served".utf8)))
        reused.interrupt()
        await #expect(throws: SocketError.interrupted) { try await reused.read() }
    }

    /// Reads larger than the per-thread scratch buffer still return everything available.
    @Test func aReadLargerThanTheScratchBufferGetsItAll() async throws {
        try await ReadinessLoopTests.withPair { loop, left, right in
            let sent = (0..<(Socket.receiveChunkBytes + 4096)).map { UInt8(truncatingIfNeeded: $0) }
            try await right.write(sent)
            // A stream socketpair hands over everything queued in one read.
            #expect(try await left.read(maxBytes: 2 * Socket.receiveChunkBytes) == sent)
        }
    }

    @Test func stopFailsWaitsWithInterrupted() async throws {
        let loop = try ReadinessLoop()
        let (left, right) = try Self.makePair(loop: loop)
        defer {
            left.close()
            right.close()
        }
        loop.stop()
        await #expect(throws: SocketError.interrupted) { try await left.read() }
    }

    @Test func reportsConnectionRefused() async throws {
        let listener = try TCPListener(host: "127.0.0.1", port: 0)
        let port = listener.port
        listener.close()
        await #expect(throws: SocketError.connectionRefused) {
            try await AsyncSocket.connect(host: "127.0.0.1", port: port)
        }
    }

    @Test func reportsAddressInUse() throws {
        let listener = try TCPListener(host: "127.0.0.1", port: 0)
        defer { listener.close() }
        #expect(listener.port > 0)
        #expect(throws: SocketError.addressInUse(port: listener.port)) {
            try TCPListener(host: "127.0.0.1", port: listener.port)
        }
    }

    @Test func reportsUnresolvableHosts() {
        #expect(throws: SocketError.unresolvableHost("no such host.invalid")) {
            try TCPListener(host: "no such host.invalid", port: 0)
        }
    }
}
