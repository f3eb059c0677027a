import TestSupport
import Testing

@testable import Wire

/// WebSocket end to end over real sockets on 127.0.0.1 with the Swift test client.
@Suite(.timeLimit(.minutes(1)))
struct WebSocketServerTests {
    /// Starts a server whose every request upgrades to a WebSocket served by `handler`.
    static func startServer(
        configuration: WebSocketConnection.Configuration = WebSocketConnection.Configuration(),
        handler: @escaping @Sendable (WebSocketConnection) async -> Void = echo
    ) async throws -> (HTTPServer, Int) {
        try await ServerFixture.start { request in
            WebSocketHandshake.upgradeResponse(for: request, configuration: configuration, handler: handler)
        }
    }

    /// Sends every text message back, upper-cased so the test sees the server's hand in it.
    static let echo: @Sendable (WebSocketConnection) async -> Void = { connection in
        for await message in connection.messages {
            switch message {
            case .text(let text): connection.send(text: text.uppercased())
            case .binary(let bytes): connection.send(binary: bytes)
            }
        }
    }

    @Test func echoesTextMessages() async throws {
        let (server, port) = try await Self.startServer()
        let client = try await WebSocketTestClient.connect(port: port, path: "/runtime/session?app_id=x")
        try await client.send(text: "hello")
        #expect(try await client.receiveText() == "HELLO")
        let long = String(repeating: "ab€", count: 30000)
        try await client.send(text: long)
        #expect(try await client.receiveText() == long.uppercased())
        await client.disconnect()
        await server.shutdown()
    }

    @Test func declinesPermessageDeflate() async throws {
        let (server, port) = try await Self.startServer()
        let client = try await WebSocketTestClient.connect(
            port: port, headers: [("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits")])
        #expect(client.handshakeHeaders["sec-websocket-extensions"] == nil)
        #expect(client.handshakeHeaders["sec-websocket-protocol"] == nil)
        await client.disconnect()
        await server.shutdown()
    }

    @Test func readsFramesSentTogetherWithTheHandshake() async throws {
        // The client may pipeline its first frame right behind the request head.
        let (server, port) = try await Self.startServer()
        var raw = try await RawHTTPClient.connect(port: port)
        let head =
            "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        try await raw.send(Array(head.utf8) + WebSocketBytes.client(.text("early")))
        let response = try await raw.readHead()
        #expect(response.status == 101)
        #expect(response.headers["Sec-WebSocket-Accept"] == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
        #expect(try await raw.readExactly(7) == WebSocketFrame.text("EARLY").encoded())
        raw.close()
        await server.shutdown()
    }

    @Test func answersPingsWithPongs() async throws {
        let (server, port) = try await Self.startServer()
        let client = try await WebSocketTestClient.connect(port: port)
        try await client.ping([1, 2, 3])
        #expect(try await client.receiveEvent() == .pong([1, 2, 3]))
        await client.disconnect()
        await server.shutdown()
    }

    @Test func completesAClientInitiatedCloseHandshake() async throws {
        let ended = Signal()
        let (server, port) = try await Self.startServer { connection in
            for await _ in connection.messages {}
            ended.fire()
        }
        let client = try await WebSocketTestClient.connect(port: port)
        #expect(try await client.close(code: .goingAway, reason: "tab closed") == .goingAway)
        try await client.waitForEndOfStream()
        await ended.wait()
        await client.disconnect()
        await server.shutdown()
    }

    @Test func completesAServerInitiatedCloseHandshake() async throws {
        let (server, port) = try await Self.startServer { connection in
            connection.send(text: "bye")
            connection.close(code: .normalClosure, reason: "done")
            #expect(!connection.send(text: "too late"))
        }
        let client = try await WebSocketTestClient.connect(port: port)
        #expect(try await client.receiveText() == "bye")
        let close = try await client.receiveEvent()
        #expect(close == .close(code: .normalClosure, reason: "done"))
        try await client.send(frame: .close(code: .normalClosure))
        try await client.waitForEndOfStream()
        await client.disconnect()
        await server.shutdown()
    }

    @Test func pingsAndClosesAnIdleClient() async throws {
        let clock = ManualClock()
        let (server, port) = try await Self.startServer(configuration: WebSocketConnection.Configuration(clock: clock))
        let client = try await WebSocketTestClient.connect(port: port)
        // Never answering: pings at 5 s and 10 s, the close at 15 s (protocol-session §2.1).
        // Each tick waits for the ping timer itself (due within 5 s), not for any sleeper:
        // a write's 30 s timeout also sleeps on this clock, and advancing while only that
        // one sleeps would lose the tick.
        for _ in 0..<2 {
            await clock.waitForSleepers(dueBy: clock.now.advanced(by: .seconds(5)))
            clock.advance(by: .seconds(5))
            #expect(try await client.receiveEvent() == .ping([]))
        }
        await clock.waitForSleepers(dueBy: clock.now.advanced(by: .seconds(5)))
        clock.advance(by: .seconds(5))
        #expect(try await client.receiveEvent() == .close(code: .goingAway, reason: "idle timeout"))
        try await client.waitForEndOfStream()
        await client.disconnect()
        await server.shutdown()
    }

    @Test func keepsAClientThatAnswersPingsAlive() async throws {
        let clock = ManualClock()
        let (server, port) = try await Self.startServer(configuration: WebSocketConnection.Configuration(clock: clock))
        let client = try await WebSocketTestClient.connect(port: port)
        // 30 s of pings, each answered as browsers do: the connection stays up.
        for round in 0..<6 {
            // The ping timer's own sleep (due within 5 s), not a write's 30 s timeout.
            await clock.waitForSleepers(dueBy: clock.now.advanced(by: .seconds(5)))
            clock.advance(by: .seconds(5))
            #expect(try await client.receiveEvent() == .ping([]))
            try await client.send(frame: WebSocketFrame(opcode: .pong))
            // The echo proves the server read the pong before the next tick.
            try await client.send(text: "round \(round)")
            #expect(try await client.receiveText() == "ROUND \(round)")
        }
        await client.disconnect()
        await server.shutdown()
    }

    @Test func closesWith1002OnAnUnmaskedFrame() async throws {
        let (server, port) = try await Self.startServer()
        let client = try await WebSocketTestClient.connect(port: port)
        try await client.send(frame: .text("naked"), masked: false)
        let close = try await client.waitForClose()
        #expect(close?.code == .protocolError)
        try await client.waitForEndOfStream()
        await client.disconnect()
        await server.shutdown()
    }

    @Test func closesWith1007OnBadUTF8() async throws {
        let (server, port) = try await Self.startServer()
        let client = try await WebSocketTestClient.connect(port: port)
        try await client.send(frame: WebSocketFrame(opcode: .text, payload: [0xC0, 0x80]))
        #expect(try await client.waitForClose()?.code == .invalidPayload)
        await client.disconnect()
        await server.shutdown()
    }

    @Test func closesWith1009OnAnOversizedMessage() async throws {
        let configuration = WebSocketConnection.Configuration(limits: WebSocketLimits(maxMessageBytes: 64))
        let (server, port) = try await Self.startServer(configuration: configuration)
        let client = try await WebSocketTestClient.connect(port: port)
        try await client.send(text: String(repeating: "x", count: 65))
        #expect(try await client.waitForClose()?.code == .messageTooBig)
        await client.disconnect()
        await server.shutdown()
    }

    @Test func endsTheHandlerWhenTheClientVanishes() async throws {
        let ended = Signal()
        let (server, port) = try await Self.startServer { connection in
            for await _ in connection.messages {}
            ended.fire()
        }
        let client = try await WebSocketTestClient.connect(port: port)
        await client.disconnect()
        await ended.wait()
        await server.shutdown()
    }

    @Test func dropsAClientThatStopsReading() async throws {
        // The client never reads: once the kernel buffers are full, queued frames pile up to
        // the limit and the connection is dropped instead of growing memory.
        let configuration = WebSocketConnection.Configuration(
            limits: WebSocketLimits(maxPendingOutboundBytes: 64 << 10))
        let (accepted, feed) = AsyncStream.makeStream(of: Int.self)
        let (server, port) = try await Self.startServer(configuration: configuration) { connection in
            let chunk = String(repeating: "x", count: 10_000)
            var sent = 0
            while sent < 20_000, connection.send(text: chunk) {
                sent += 1
                await Task.yield()
            }
            feed.yield(sent)
            feed.finish()
            #expect(!connection.isOpen)
        }
        let client = try await WebSocketTestClient.connect(port: port)
        var iterator = accepted.makeAsyncIterator()
        let sent = try #require(await iterator.next())
        #expect(sent < 20_000)
        await client.disconnect()
        await server.shutdown()
    }

    @Test func rejectsABadUpgradeWithJSON() async throws {
        let (server, port) = try await Self.startServer()
        var raw = try await RawHTTPClient.connect(port: port)
        let head =
            "GET /runtime/session HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n"
        try await raw.send(head)
        let response = try await raw.readResponse()
        #expect(response.status == 400)
        #expect(response.headers["Sec-WebSocket-Version"] == "13")
        #expect(response.text.contains("\"type\":\"param-malformed\""))
        raw.close()
        await server.shutdown()
    }

    @Test func shutdownEndsOpenConnections() async throws {
        let (server, port) = try await Self.startServer()
        let client = try await WebSocketTestClient.connect(port: port)
        try await client.send(text: "x")
        #expect(try await client.receiveText() == "X")
        await server.shutdown()
        try await client.waitForEndOfStream()
        await client.disconnect()
    }
}
