import Testing

@testable import Wire

/// Deadlines enforced by the readiness loop itself, the timer behind every HTTP read timeout.
@Suite(.timeLimit(.minutes(1)))
struct ReadinessLoopDeadlineTests {
    @Test(arguments: ReadinessLoopTests.backends)
    func silentReadTimesOutAtItsDeadline(backend: ReadinessLoop.Backend) async throws {
        try await ReadinessLoopTests.withPair(backend: backend) { loop, left, right in
            let started = ContinuousClock.now
            await #expect(throws: SocketError.timedOut) {
                _ = try await left.read(deadline: started + .milliseconds(150))
            }
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .milliseconds(150))
            #expect(elapsed < .seconds(5))
            // The socket still works after a timed-out wait.
            try await right.write(Array("late".utf8))
            #expect(try await left.read(deadline: .now + .seconds(10)) == Array("late".utf8))
        }
    }

    @Test(arguments: ReadinessLoopTests.backends)
    func bytesBeforeTheDeadlineWin(backend: ReadinessLoop.Backend) async throws {
        try await ReadinessLoopTests.withPair(backend: backend) { loop, left, right in
            async let received = left.read(deadline: .now + .seconds(30))
            try await right.write(Array("ping".utf8))
            #expect(try await received == Array("ping".utf8))
        }
    }

    @Test(arguments: ReadinessLoopTests.backends)
    func anEarlierDeadlineShortensTheLoopsSleep(backend: ReadinessLoop.Backend) async throws {
        let loop = try ReadinessLoop(backend: backend)
        defer { loop.stop() }
        let (slowLeft, slowRight) = try ReadinessLoopTests.makePair(loop: loop)
        let (fastLeft, fastRight) = try ReadinessLoopTests.makePair(loop: loop)
        defer {
            for socket in [slowLeft, slowRight, fastLeft, fastRight] { socket.close() }
        }
        // The loop first sleeps toward a far deadline, then learns of a near one.
        async let slow: [UInt8] = slowLeft.read(deadline: .now + .seconds(30))
        let started = ContinuousClock.now
        await #expect(throws: SocketError.timedOut) {
            _ = try await fastLeft.read(deadline: .now + .milliseconds(100))
        }
        #expect(ContinuousClock.now - started < .seconds(5))
        try await slowRight.write([1])
        #expect(try await slow == [1])
    }

    @Test func cancellingATimedWaitStillEndsIt() async throws {
        try await ReadinessLoopTests.withPair { loop, left, right in
            let outcome = await withTaskGroup(of: Result<[UInt8], SocketError>.self) { group in
                group.addTask {
                    do throws(SocketError) {
                        return .success(try await left.read(deadline: .now + .seconds(30)))
                    } catch {
                        return .failure(error)
                    }
                }
                group.cancelAll()
                return await group.next()
            }
            #expect(outcome == .failure(.cancelled))
        }
    }
}
