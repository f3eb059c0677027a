import Testing

@testable import Wire

/// The immediate handler: requests on parked keep-alive connections answered on the loop
/// thread, and the hand-over to a task for everything else, in request order.
@Suite(.timeLimit(.minutes(1)))
struct HTTPServerImmediateTests {
    /// A server whose immediate handler answers `/fast…` paths (and a large and a streaming
    /// body), leaving the rest to the async handler, which counts its calls.
    static func start(
        asyncCalls: Counter, immediateCalls: Counter = Counter(), largeBody: [UInt8] = []
    ) async throws -> (HTTPServer, Int) {
        let server = HTTPServer(
            configuration: HTTPServer.Configuration(),
            immediate: { request in
                immediateCalls.increment()
                if request.path.hasPrefix("/fast") { return .text("now \(request.path)") }
                if request.path == "/large" { return HTTPResponse(status: .ok, body: .bytes(largeBody)) }
                if request.path == "/stream" {
                    let (events, feed) = AsyncStream.makeStream(of: [UInt8].self)
                    feed.yield(Array("one event".utf8))
                    feed.finish()
                    return .eventStream(events)
                }
                return nil
            },
            handler: { request in
                asyncCalls.increment()
                return .text("later \(request.path)")
            })
        return (server, try await server.start())
    }

    @Test func answersWithoutTheAsyncHandlerAndHandsTheRestOver() async throws {
        let asyncCalls = Counter()
        let immediateCalls = Counter()
        let (server, port) = try await Self.start(asyncCalls: asyncCalls, immediateCalls: immediateCalls)
        var client = try await RawHTTPClient.connect(port: port)
        for index in 0..<50 {
            try await client.send("GET /fast/\(index) HTTP/1.1\r\nOrigin: http://localhost:3000\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.text == "now /fast/\(index)")
            #expect(response.headers["Access-Control-Allow-Origin"] == "http://localhost:3000")
        }
        #expect(asyncCalls.value == 0)
        try await client.send("POST /slow HTTP/1.1\r\nContent-Length: 2\r\n\r\nok")
        #expect(try await client.readResponse().text == "later /slow")
        try await client.send("GET /fast/again HTTP/1.1\r\n\r\n")
        #expect(try await client.readResponse().text == "now /fast/again")
        #expect(asyncCalls.value == 1)
        // Asked once per request: a request it declined is not put to it again by the task.
        #expect(immediateCalls.value == 52)
        #expect(await server.openConnectionCount == 1)
        client.close()
        await server.shutdown()
    }

    @Test func keepsPipelinedResponsesInOrderAcrossBothHandlers() async throws {
        let asyncCalls = Counter()
        let (server, port) = try await Self.start(asyncCalls: asyncCalls)
        var client = try await RawHTTPClient.connect(port: port)
        let paths = ["/fast/1", "/slow/2", "/fast/3", "/fast/4", "/slow/5", "/fast/6"]
        try await client.send(paths.map { "GET \($0) HTTP/1.1\r\n\r\n" }.joined())
        for path in paths {
            let expected = path.hasPrefix("/fast") ? "now \(path)" : "later \(path)"
            #expect(try await client.readResponse().text == expected)
        }
        #expect(asyncCalls.value == 2)
        client.close()
        await server.shutdown()
    }

    @Test func finishesAResponseLargerThanTheSendBufferThenServesAgain() async throws {
        let largeBody = (0..<(8 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let (server, port) = try await Self.start(asyncCalls: Counter(), largeBody: largeBody)
        var client = try await RawHTTPClient.connect(port: port)
        try await client.send("GET /large HTTP/1.1\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.headers["Content-Length"] == "\(largeBody.count)")
        #expect(response.body == largeBody)
        try await client.send("GET /fast/after HTTP/1.1\r\n\r\n")
        #expect(try await client.readResponse().text == "now /fast/after")
        client.close()
        await server.shutdown()
    }

    @Test func writesAStreamingImmediateResponseFromATask() async throws {
        let (server, port) = try await Self.start(asyncCalls: Counter())
        var client = try await RawHTTPClient.connect(port: port)
        try await client.send("GET /fast/first HTTP/1.1\r\n\r\n")
        #expect(try await client.readResponse().text == "now /fast/first")
        try await client.send("GET /stream HTTP/1.1\r\n\r\n")
        #expect(try await client.readHead().headers["Transfer-Encoding"] == "chunked")
        #expect(try await client.readChunk() == Array("one event".utf8))
        #expect(try await client.readChunk() == nil)
        #expect(try await client.isClosedByServer())
        client.close()
        await server.shutdown()
    }

    @Test func dealsConnectionsOverSeveralLoops() async throws {
        let loops = [try ReadinessLoop(), try ReadinessLoop()]
        let server = HTTPServer(
            configuration: HTTPServer.Configuration(connectionLoops: loops),
            immediate: { request in request.path.hasPrefix("/fast") ? .text("now \(request.path)") : nil },
            handler: { request in .text("later \(request.path)") })
        let port = try await server.start()
        var clients: [RawHTTPClient] = []
        for _ in 0..<4 { clients.append(try await RawHTTPClient.connect(port: port)) }
        for round in 0..<3 {
            for index in clients.indices {
                try await clients[index].send("GET /fast/\(index)/\(round) HTTP/1.1\r\n\r\nGET /slow/\(index) HTTP/1.1\r\n\r\n")
                #expect(try await clients[index].readResponse().text == "now /fast/\(index)/\(round)")
                #expect(try await clients[index].readResponse().text == "later /slow/\(index)")
            }
        }
        #expect(await server.openConnectionCount == 4)
        await server.shutdown()
        for index in clients.indices {
            #expect(try await clients[index].isClosedByServer())
            clients[index].close()
        }
        #expect(await server.openConnectionCount == 0)
        for loop in loops { loop.stop() }
    }
}
