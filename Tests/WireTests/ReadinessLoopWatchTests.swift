import Synchronization
import Testing

@testable import Wire

/// Callback watches (`watch`, `endWatch`): how parked connections wait without a task.
@Suite(.timeLimit(.minutes(1)))
struct ReadinessLoopWatchTests {
    /// Collects the outcomes a watch callback reports, and signals the first one.
    final class Outcomes: Sendable {
        let reported = Mutex<[Result<Bool, SocketError>]>([])
        let first = Signal()

        func record(_ outcome: Result<Bool, SocketError>) {
            reported.withLock { $0.append(outcome) }
            first.fire()
        }

        var values: [Result<Bool, SocketError>] { reported.withLock { $0 } }
    }

    static func watching(_ start: ReadinessLoop.WatchStart) -> ReadinessLoop.WatchID? {
        if case .watching(let id) = start { return id }
        return nil
    }

    @Test(arguments: ReadinessLoopTests.backends)
    func callsBackOnceWhenBytesArrive(backend: ReadinessLoop.Backend) async throws {
        try await ReadinessLoopTests.withPair(backend: backend) { loop, left, right in
            let outcomes = Outcomes()
            let id = try #require(Self.watching(loop.watch(left.socket, for: .read) { outcomes.record($0) }))
            try await right.write(Array("ping".utf8))
            await outcomes.first.wait()
            #expect(outcomes.values.count == 1)
            switch outcomes.values.first {
            case .success(let isCleanEdge)?:
                // Only the edge-triggered selector can vouch that no hang-up came with the bytes.
                #expect(isCleanEdge == (backend == .platformDefault && Self.isLinux))
            case .failure(let error)?: Issue.record("failed: \(error)")
            case nil: Issue.record("no outcome")
            }
            // Ended already: ending it again changes nothing.
            loop.endWatch(id)
            #expect(outcomes.values.count == 1)
            #expect(try left.readIfAvailable() == Array("ping".utf8))
        }
    }

    /// A wait for nothing registers nothing with the selector; the descriptor's next real
    /// wait must still be armed (an edge-triggered selector is armed only once).
    @Test(arguments: ReadinessLoopTests.backends)
    func aWaitForNothingLeavesTheNextWaitArmed(backend: ReadinessLoop.Backend) async throws {
        try await ReadinessLoopTests.withPair(backend: backend) { loop, left, right in
            await #expect(throws: SocketError.timedOut) {
                try await loop.waitUntilReady(left.socket, for: [], deadline: .now + .milliseconds(20))
            }
            let outcomes = Outcomes()
            _ = try #require(Self.watching(loop.watch(left.socket, for: .read, deadline: .now + .seconds(10)) {
                outcomes.record($0)
            }))
            try await right.write(Array("armed".utf8))
            await outcomes.first.wait()
            if case .failure(let error)? = outcomes.values.first { Issue.record("the read watch failed: \(error)") }
        }
    }

    #if os(Linux)
        static let isLinux = true
    #else
        static let isLinux = false
    #endif

    /// Bytes followed by a FIN in one report: a short read would not see the FIN, and no
    /// new report will come for it, so the report must not be a clean edge.
    @Test func bytesWithAHangUpAreNotACleanEdge() async throws {
        try await ReadinessLoopTests.withPair { loop, left, right in
            try await right.write(Array("last words".utf8))
            try right.shutdownWriting()
            let outcomes = Outcomes()
            switch loop.watch(left.socket, for: .read, { outcomes.record($0) }) {
            case .watching: await outcomes.first.wait()
            case .ready: Issue.record("no report can have come before the first registration")
            case .failed(let error): Issue.record("failed: \(error)")
            }
            if case .success(true)? = outcomes.values.first { Issue.record("a hang-up was reported as a clean edge") }
            #expect(try left.readIfAvailable() == Array("last words".utf8))
            #expect(try left.readIfAvailable() == [])
        }
    }

    @Test func endsByIdAndLeavesANewSocketOnTheSameNumberAlone() async throws {
        let loop = try ReadinessLoop()
        defer { loop.stop() }
        let (left, right) = try ReadinessLoopTests.makePair(loop: loop)
        let ended = Outcomes()
        let id = try #require(Self.watching(loop.watch(left.socket, for: .read) { ended.record($0) }))
        loop.endWatch(id)
        #expect(ended.values.count == 1)
        if case .success = ended.values.first { Issue.record("an ended watch reported readiness") }
        let number = left.socket.descriptor
        left.close()
        right.close()
        // The kernel hands out the lowest free number, so the new pair usually reuses the
        // old one (other tests open sockets too, so this is not asserted).
        let (newLeft, newRight) = try ReadinessLoopTests.makePair(loop: loop)
        defer {
            newLeft.close()
            newRight.close()
        }
        let fresh = Outcomes()
        let reused = newRight.socket.descriptor == number ? newRight : newLeft
        let peer = newRight.socket.descriptor == number ? newLeft : newRight
        _ = try #require(Self.watching(loop.watch(reused.socket, for: .read) { fresh.record($0) }))
        loop.endWatch(id)
        #expect(fresh.values.isEmpty)
        try await peer.write(Array("still here".utf8))
        await fresh.first.wait()
        if case .failure(let error) = fresh.values.first { Issue.record("the new socket's watch failed: \(error)") }
        #expect(try reused.readIfAvailable() == Array("still here".utf8))
    }
}
