import Testing

@testable import Wire

/// Errors over the wire: each answered with a JSON envelope, then the connection closes.
@Suite(.timeLimit(.minutes(1)))
struct HTTPServerErrorTests {
    /// Sends `request` to a fresh server with `configuration` and returns the response, after
    /// checking the server then closed the connection.
    func exchange(_ request: String, configuration: HTTPServer.Configuration) async throws -> RawHTTPResponse {
        let calls = Counter()
        let (server, port) = try await ServerFixture.start(configuration) { _ in
            calls.increment()
            return .text("handled")
        }
        var client = try await RawHTTPClient.connect(port: port)
        try await client.send(request)
        let response = try await client.readResponse()
        #expect(try await client.isClosedByServer())
        #expect(calls.value == 0)
        client.close()
        await server.shutdown()
        return response
    }

    @Test func rejectsAnOversizedBodyWith413() async throws {
        let configuration = HTTPServer.Configuration(limits: HTTPLimits(maxBodyBytes: 16))
        let response = try await exchange(
            "POST /admin/storage/upload HTTP/1.1\r\nOrigin: http://app\r\nContent-Length: 17\r\n\r\n",
            configuration: configuration)
        #expect(response.status == 413)
        #expect(response.headers["Content-Type"] == HTTPResponse.jsonContentType)
        #expect(response.headers["Access-Control-Allow-Origin"] == "http://app")
        let envelope = try #require(response.jsonObject)
        #expect(envelope["type"] as? String == "validation-failed")
        #expect(envelope["message"] as? String == "Validation failed for body: The request body exceeds 16 bytes.")
    }

    @Test func rejectsOversizedHeadersWith431() async throws {
        let configuration = HTTPServer.Configuration(limits: HTTPLimits(maxHeaderBytes: 256))
        let padding = String(repeating: "x", count: 300)
        let response = try await exchange(
            "GET / HTTP/1.1\r\nX-Padding: \(padding)\r\n\r\n", configuration: configuration)
        #expect(response.status == 431)
        #expect(response.jsonObject?["type"] as? String == "validation-failed")
    }

    @Test(arguments: [
        "garbage\r\n\r\n", "GET / HTTP/1.1\r\nbad header\r\n\r\n", "GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n",
    ])
    func rejectsMalformedRequestsWith400(request: String) async throws {
        let response = try await exchange(request, configuration: HTTPServer.Configuration())
        #expect(response.status == 400)
        #expect(response.jsonObject?["type"] as? String == "validation-failed")
        #expect(response.jsonObject?["trace-id"] is String)
    }

    @Test func rejectsUnsupportedVersionsWith505() async throws {
        let response = try await exchange("GET / HTTP/2.0\r\n\r\n", configuration: HTTPServer.Configuration())
        #expect(response.status == 505)
    }

    @Test func answersAStalledRequestWith408() async throws {
        let configuration = HTTPServer.Configuration(requestTimeout: .milliseconds(200))
        let response = try await exchange("GET / HTTP/1.1\r\nHost: loc", configuration: configuration)
        #expect(response.status == 408)
        #expect(response.jsonObject?["type"] as? String == "operation-timed-out")
    }

    @Test func closesAnIdleConnectionSilently() async throws {
        let configuration = HTTPServer.Configuration(idleTimeout: .milliseconds(200))
        let (server, port) = try await ServerFixture.start(configuration)
        var client = try await RawHTTPClient.connect(port: port)
        try await client.send("GET /once HTTP/1.1\r\n\r\n")
        #expect(try await client.readResponse().status == 200)
        #expect(try await client.isClosedByServer())
        client.close()
        await server.shutdown()
    }
}
