import Testing

@testable import Wire

/// Graceful shutdown: finish what is in flight, drop what would never end, refuse the rest.
@Suite(.timeLimit(.minutes(1)))
struct HTTPServerShutdownTests {
    @Test func finishesARequestInFlightAndClosesIdleConnections() async throws {
        let handlerStarted = Signal()
        let release = Signal()
        let (server, port) = try await ServerFixture.start { request in
            guard request.path == "/slow" else { return .text("quick") }
            handlerStarted.fire()
            await release.wait()
            return .text("finished")
        }
        defer { release.fire() }
        var idle = try await RawHTTPClient.connect(port: port)
        try await idle.send("GET /warm-up HTTP/1.1\r\n\r\n")
        #expect(try await idle.readResponse().text == "quick")
        var busy = try await RawHTTPClient.connect(port: port)
        try await busy.send("GET /slow HTTP/1.1\r\n\r\n")
        await handlerStarted.wait()

        async let stopped: Void = server.shutdown()
        #expect(try await idle.isClosedByServer())
        #expect(await server.openConnectionCount == 1)
        release.fire()
        let response = try await busy.readResponse()
        #expect(response.text == "finished")
        #expect(response.headers["Connection"] == "close")
        #expect(try await busy.isClosedByServer())
        await stopped
        #expect(await server.openConnectionCount == 0)
        await #expect(throws: RawClientError.socket(.connectionRefused)) {
            try await RawHTTPClient.connect(port: port)
        }
        idle.close()
        busy.close()
    }

    @Test func cancelsOpenStreamsAndUpgrades() async throws {
        let (events, feed) = AsyncStream.makeStream(of: [UInt8].self)
        let streamEnded = Signal()
        feed.onTermination = { _ in streamEnded.fire() }
        let upgradeEnded = Signal()
        let (server, port) = try await ServerFixture.start { request in
            if request.path == "/events" { return .eventStream(events) }
            return HTTPResponse(
                status: .switchingProtocols, headers: ["Connection": "Upgrade", "Upgrade": "test"],
                body: .upgrade { connection in
                    _ = try? await connection.socket.read()
                    upgradeEnded.fire()
                })
        }
        var streaming = try await RawHTTPClient.connect(port: port)
        try await streaming.send("GET /events HTTP/1.1\r\n\r\n")
        #expect(try await streaming.readHead().status == 200)
        var upgraded = try await RawHTTPClient.connect(port: port)
        try await upgraded.send("GET /upgrade HTTP/1.1\r\n\r\n")
        #expect(try await upgraded.readHead().status == 101)

        await server.shutdown()
        await streamEnded.wait()
        await upgradeEnded.wait()
        #expect(try await streaming.isClosedByServer())
        #expect(try await upgraded.isClosedByServer())
        streaming.close()
        upgraded.close()
    }

    @Test func cancelsRequestsThatOutliveTheGracePeriod() async throws {
        let handlerStarted = Signal()
        let handlerCancelled = Signal()
        let configuration = HTTPServer.Configuration(shutdownGracePeriod: .milliseconds(100))
        let (server, port) = try await ServerFixture.start(configuration) { _ in
            handlerStarted.fire()
            await Signal().wait()
            handlerCancelled.fire()
            return .text("cancelled")
        }
        var client = try await RawHTTPClient.connect(port: port)
        try await client.send("GET /stuck HTTP/1.1\r\n\r\n")
        await handlerStarted.wait()
        await server.shutdown()
        await handlerCancelled.wait()
        #expect(await server.openConnectionCount == 0)
        _ = try? await client.readToEnd()
        client.close()
    }

    @Test func shutdownIsIdempotentAndStartAfterwardsFails() async throws {
        let (server, _) = try await ServerFixture.start()
        await server.shutdown()
        await server.shutdown()
        await #expect(throws: SocketError.interrupted) { try await server.start() }
    }

    @Test func waitUntilStoppedReturnsAfterShutdown() async throws {
        let (server, _) = try await ServerFixture.start()
        async let waited: Void = server.waitUntilStopped()
        await server.shutdown()
        await waited
    }
}
