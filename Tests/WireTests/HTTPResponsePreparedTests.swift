import Testing

@testable import Wire

/// Prepared responses (`HTTPResponse.prepared()`): the kept encoding is exactly what the
/// general path would send, and is used only where nothing must be added to it.
struct HTTPResponsePreparedTests {
    static let health = HTTPResponse.json(Array(#"{"status":"ok"}"#.utf8))

    @Test func keepsExactlyWhatThePlainRequestWouldGet() throws {
        let prepared = Self.health.prepared()
        let kept = try #require(prepared.keptEncoding(fitting: .make(target: "/health")))
        let body = Array(#"{"status":"ok"}"#.utf8)
        let general = Self.health.encoded(
            framing: .contentLength(body.count), keepAlive: true, requestVersion: .http11, body: body)
        #expect(kept == general)
    }

    @Test(arguments: [
        HTTPRequest.make(headers: ["Host": "x", "Origin": "http://localhost:3000"]),
        HTTPRequest.make(headers: ["Host": "x", "connection": "close"]),
        HTTPRequest.make(headers: ["Host": "x", "Connection": "keep-alive"]),
        HTTPRequest.make(version: .http10),
        HTTPRequest.make(method: .head),
    ])
    func isNotUsedWhereTheRequestChangesTheAnswer(request: HTTPRequest) {
        #expect(Self.health.prepared().keptEncoding(fitting: request) == nil)
    }

    @Test func anyChangeDropsTheKeptEncoding() {
        var headers = Self.health.prepared()
        headers.headers["X-Extra"] = "1"
        var status = Self.health.prepared()
        status.status = .notFound
        var body = Self.health.prepared()
        body.body = .bytes([])
        for changed in [headers, status, body] {
            #expect(changed.keptEncoding(fitting: .make()) == nil)
        }
        #expect(Self.health.prepared().keptEncoding(fitting: .make()) != nil)
    }

    @Test func keepsNothingForAClosingOrStreamingResponse() {
        var closing = Self.health
        closing.headers["Connection"] = "close"
        let (events, _) = AsyncStream.makeStream(of: [UInt8].self)
        for response in [closing, HTTPResponse.eventStream(events)] {
            #expect(response.prepared().keptEncoding(fitting: .make()) == nil)
        }
    }

    /// A draining server closes connections after their response, so it must not send the
    /// kept keep-alive encoding.
    @Test func aDrainingServerDoesNotSendTheKeptEncoding() throws {
        let loop = try ReadinessLoop()
        defer { loop.stop() }
        let (socket, peer) = try ReadinessLoopTests.makePair(loop: loop)
        defer {
            socket.close()
            peer.close()
        }
        let control = ConnectionControl()
        let connection = HTTPConnection(
            socket: socket, configuration: HTTPServer.Configuration(),
            handlers: HTTPServer.Handlers(immediate: nil, handler: { _ in .text("unused") }), control: control,
            finish: {})
        let prepared = Self.health.prepared()
        let open = connection.completeResponse(prepared, to: .make())
        #expect(open.keepAlive)
        #expect(open.bytes == prepared.keptEncoding)
        control.requestShutdown()
        let draining = connection.completeResponse(prepared, to: .make())
        #expect(!draining.keepAlive)
        #expect(String(decoding: draining.bytes, as: UTF8.self).contains("Connection: close\r\n"))
    }

    /// Over a real socket: the kept bytes for a plain request, CORS headers when the request
    /// has an `Origin`, and a close when it asks for one.
    @Test(.timeLimit(.minutes(1))) func servesThePreparedAnswerAndStillHonoursTheRequest() async throws {
        let prepared = Self.health.prepared()
        let server = HTTPServer(immediate: { _ in prepared }, handler: { _ in .text("unexpected") })
        let port = try await server.start()
        var client = try await RawHTTPClient.connect(port: port)
        try await client.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        let plain = try await client.readResponse()
        #expect(plain.text == #"{"status":"ok"}"#)
        #expect(plain.headers["Access-Control-Allow-Origin"] == nil)
        try await client.send("GET /health HTTP/1.1\r\nOrigin: http://localhost:3000\r\n\r\n")
        let crossOrigin = try await client.readResponse()
        #expect(crossOrigin.text == #"{"status":"ok"}"#)
        #expect(crossOrigin.headers["Access-Control-Allow-Origin"] == "http://localhost:3000")
        try await client.send("GET /health HTTP/1.1\r\nConnection: close\r\n\r\n")
        let last = try await client.readResponse()
        #expect(last.headers["Connection"] == "close")
        #expect(try await client.isClosedByServer())
        client.close()
        await server.shutdown()
    }
}
