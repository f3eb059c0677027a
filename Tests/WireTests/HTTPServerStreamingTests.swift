import Testing

@testable import Wire

/// Streaming bodies (the base of SSE) and connection upgrades (the base of WebSocket).
@Suite(.timeLimit(.minutes(1)))
struct HTTPServerStreamingTests {
    /// A stream a test feeds by hand, with a signal that fires when the server stops reading it.
    struct FedStream: Sendable {
        /// The stream handed to the server.
        let events: AsyncStream<[UInt8]>
        /// The test's side.
        let feed: AsyncStream<[UInt8]>.Continuation
        /// Fires on termination, whether finished or cancelled.
        let terminated = Signal()

        init() {
            (events, feed) = AsyncStream.makeStream(of: [UInt8].self)
            feed.onTermination = { [terminated] _ in terminated.fire() }
        }
    }

    @Test func streamsEachElementAsAChunkAsSoonAsItIsYielded() async throws {
        let stream = FedStream()
        let (server, port) = try await ServerFixture.start { _ in .eventStream(stream.events) }
        var client = try await RawHTTPClient.connect(port: port)
        try await client.send("POST /admin/subscribe-query HTTP/1.1\r\nOrigin: http://app\r\n\r\n")
        let head = try await client.readHead()
        #expect(head.status == 200)
        #expect(head.headers["Content-Type"] == "text/event-stream; charset=UTF-8")
        #expect(head.headers["Transfer-Encoding"] == "chunked")
        #expect(head.headers["Content-Length"] == nil)
        #expect(head.headers["Access-Control-Allow-Origin"] == "http://app")
        stream.feed.yield(Array("retry:500\n\n".utf8))
        #expect(try await client.readChunk() == Array("retry:500\n\n".utf8))
        stream.feed.yield([])
        stream.feed.yield(Array("data:{\"op\":\"sse-init\"}\n\n".utf8))
        #expect(try await client.readChunk() == Array("data:{\"op\":\"sse-init\"}\n\n".utf8))
        stream.feed.finish()
        #expect(try await client.readChunk() == nil)
        #expect(try await client.isClosedByServer())
        client.close()
        await server.shutdown()
    }

    @Test func stopsTheStreamWhenTheClientLeaves() async throws {
        let stream = FedStream()
        let (server, port) = try await ServerFixture.start { _ in .eventStream(stream.events) }
        var client = try await RawHTTPClient.connect(port: port)
        try await client.send("POST /admin/sse HTTP/1.1\r\n\r\n")
        #expect(try await client.readHead().status == 200)
        client.close()
        await stream.terminated.wait()
        await server.shutdown()
    }

    @Test func streamsUntilCloseToHTTP10Clients() async throws {
        let stream = FedStream()
        let (server, port) = try await ServerFixture.start { _ in .eventStream(stream.events) }
        var client = try await RawHTTPClient.connect(port: port)
        try await client.send("GET /events HTTP/1.0\r\n\r\n")
        let head = try await client.readHead()
        #expect(head.headers["Transfer-Encoding"] == nil)
        stream.feed.yield(Array("data:1\n\n".utf8))
        stream.feed.finish()
        #expect(try await client.readToEnd() == Array("data:1\n\n".utf8))
        client.close()
        await server.shutdown()
    }

    @Test func handsTheConnectionToAnUpgradeWithTheBytesAlreadyRead() async throws {
        let (server, port) = try await ServerFixture.start { _ in
            HTTPResponse(
                status: .switchingProtocols, headers: ["Connection": "Upgrade", "Upgrade": "echo"],
                body: .upgrade { connection in
                    do throws(SocketError) {
                        try await connection.socket.write(Array("early:".utf8) + connection.initialBytes)
                        while true {
                            let bytes = try await connection.socket.read()
                            if bytes.isEmpty { return }
                            try await connection.socket.write(bytes)
                        }
                    } catch {
                        return
                    }
                })
        }
        var client = try await RawHTTPClient.connect(port: port)
        try await client.send("GET /echo HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\nhello")
        let head = try await client.readHead()
        #expect(head.status == 101)
        #expect(head.headers["Upgrade"] == "echo")
        #expect(head.headers["Connection"] == "Upgrade")
        #expect(try await client.readExactly(11) == Array("early:hello".utf8))
        try await client.send("again")
        #expect(try await client.readExactly(5) == Array("again".utf8))
        try client.socket.shutdownWriting()
        #expect(try await client.isClosedByServer())
        client.close()
        await server.shutdown()
    }
}
