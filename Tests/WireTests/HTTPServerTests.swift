import Testing

@testable import Wire

/// End-to-end: a real server on 127.0.0.1 port 0 and a real client socket.
@Suite(.timeLimit(.minutes(1)))
struct HTTPServerTests {
    @Test func bindsAFreePortAndAnswers() async throws {
        let (server, port) = try await ServerFixture.start()
        #expect(port > 0)
        #expect(await server.port == port)
        var client = try await RawHTTPClient.connect(port: port)
        try await client.send("GET /ping HTTP/1.1\r\nHost: localhost\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "hello /ping")
        #expect(response.headers["Content-Length"] == "11")
        client.close()
        await server.shutdown()
    }

    @Test(arguments: ReadinessLoopTests.backends)
    func servesTwoRequestsOnOneKeepAliveConnection(backend: ReadinessLoop.Backend) async throws {
        let loop = try ReadinessLoop(backend: backend)
        let (server, port) = try await ServerFixture.start(HTTPServer.Configuration(loop: loop))
        var client = try await RawHTTPClient.connect(port: port, loop: loop)
        try await client.send("GET /first HTTP/1.1\r\n\r\n")
        #expect(try await client.readResponse().text == "hello /first")
        try await client.send("POST /second HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc")
        let second = try await client.readResponse()
        #expect(second.text == "hello /second")
        #expect(second.headers["Connection"] == nil)
        #expect(await server.openConnectionCount == 1)
        client.close()
        await server.shutdown()
        loop.stop()
    }

    @Test func answersPipelinedRequestsInOrder() async throws {
        let (server, port) = try await ServerFixture.start { request in
            .text("\(request.path) \(String(decoding: request.body, as: UTF8.self))")
        }
        var client = try await RawHTTPClient.connect(port: port)
        let pipelined = (1...5).map { "POST /r\($0) HTTP/1.1\r\nContent-Length: 1\r\n\r\n\($0)" }.joined()
        try await client.send(pipelined)
        for index in 1...5 {
            #expect(try await client.readResponse().text == "/r\(index) \(index)")
        }
        client.close()
        await server.shutdown()
    }

    @Test func routesOnTheCollapsedPathAndDecodedQuery() async throws {
        let (server, port) = try await ServerFixture.start { request in
            .text("\(request.path) \(request.query["app_id"] ?? "-") \(request.headers["app_id"] ?? "-")")
        }
        var client = try await RawHTTPClient.connect(port: port)
        try await client.send("GET //admin///query?app_id=a%2Db HTTP/1.1\r\napp_id: h1\r\n\r\n")
        #expect(try await client.readResponse().text == "/admin/query a-b h1")
        client.close()
        await server.shutdown()
    }

    @Test func decodesChunkedRequestBodies() async throws {
        let (server, port) = try await ServerFixture.start { request in
            .text(String(decoding: request.body, as: UTF8.self))
        }
        var client = try await RawHTTPClient.connect(port: port)
        try await client.send("PUT /upload HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWire\r\n")
        try await client.send("6\r\n works\r\n0\r\n\r\n")
        #expect(try await client.readResponse().text == "Wire works")
        client.close()
        await server.shutdown()
    }

    @Test func sendsContinueWhenAsked() async throws {
        let (server, port) = try await ServerFixture.start { request in
            .text(String(decoding: request.body, as: UTF8.self))
        }
        var client = try await RawHTTPClient.connect(port: port)
        try await client.send("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
        #expect(try await client.readHead().status == 100)
        try await client.send("body")
        #expect(try await client.readResponse().text == "body")
        client.close()
        await server.shutdown()
    }

    @Test func answersHeadWithoutABody() async throws {
        let (server, port) = try await ServerFixture.start()
        var client = try await RawHTTPClient.connect(port: port)
        try await client.send("HEAD /x HTTP/1.1\r\n\r\nGET /y HTTP/1.1\r\n\r\n")
        let head = try await client.readResponse(bodyless: true)
        #expect(head.headers["Content-Length"] == "8")
        #expect(try await client.readResponse().text == "hello /y")
        client.close()
        await server.shutdown()
    }

    @Test func closesHTTP10ConnectionsAfterOneResponse() async throws {
        let (server, port) = try await ServerFixture.start()
        var client = try await RawHTTPClient.connect(port: port)
        try await client.send("GET /old HTTP/1.0\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.text == "hello /old")
        #expect(response.headers["Connection"] == "close")
        #expect(try await client.isClosedByServer())
        client.close()
        await server.shutdown()
    }

    @Test func closesWhenTheClientAsks() async throws {
        let (server, port) = try await ServerFixture.start()
        var client = try await RawHTTPClient.connect(port: port)
        try await client.send("GET /bye HTTP/1.1\r\nConnection: close\r\n\r\nGET /ignored HTTP/1.1\r\n\r\n")
        #expect(try await client.readResponse().headers["Connection"] == "close")
        #expect(try await client.isClosedByServer())
        client.close()
        await server.shutdown()
    }

    @Test func closesWhenTheHandlerAsks() async throws {
        let (server, port) = try await ServerFixture.start { _ in
            HTTPResponse(headers: ["Connection": "close"], body: .bytes(Array("last".utf8)))
        }
        var client = try await RawHTTPClient.connect(port: port)
        try await client.send("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.text == "last")
        #expect(response.headers.values(for: "Connection") == ["close"])
        #expect(try await client.isClosedByServer())
        client.close()
        await server.shutdown()
    }

    @Test func answersCORSPreflightsWithoutCallingTheHandler() async throws {
        let calls = Counter()
        let (server, port) = try await ServerFixture.start { request in
            calls.increment()
            return .text("handled")
        }
        var client = try await RawHTTPClient.connect(port: port)
        try await client.send(
            "OPTIONS /runtime/auth/send_magic_code HTTP/1.1\r\nOrigin: http://localhost:3000\r\n"
                + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type\r\n\r\n")
        let preflight = try await client.readResponse()
        #expect(preflight.status == 200)
        #expect(preflight.text == "preflight complete")
        #expect(preflight.headers["Access-Control-Allow-Origin"] == "http://localhost:3000")
        #expect(preflight.headers["Access-Control-Allow-Headers"] == "Content-Type")
        #expect(calls.value == 0)
        try await client.send("POST /runtime/auth/send_magic_code HTTP/1.1\r\nOrigin: http://localhost:3000\r\n\r\n")
        let actual = try await client.readResponse()
        #expect(actual.text == "handled")
        #expect(actual.headers["Access-Control-Allow-Origin"] == "http://localhost:3000")
        #expect(actual.headers["Access-Control-Allow-Methods"] == "DELETE, GET, POST, PUT")
        #expect(calls.value == 1)
        client.close()
        await server.shutdown()
    }

    @Test func servesManyConcurrentClients() async throws {
        let (server, port) = try await ServerFixture.start()
        try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<50 {
                group.addTask {
                    var client = try await RawHTTPClient.connect(port: port)
                    defer { client.close() }
                    try await client.send("GET /c\(index) HTTP/1.1\r\n\r\n")
                    return try await client.readResponse().text
                }
            }
            var answers: Set<String> = []
            for try await answer in group { answers.insert(answer) }
            #expect(answers == Set((0..<50).map { "hello /c\($0)" }))
        }
        await server.shutdown()
    }
}
