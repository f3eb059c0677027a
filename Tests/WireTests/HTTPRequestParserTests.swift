import Testing

@testable import Wire

/// Feeds `text` to a fresh parser, whole or one byte at a time, and collects every request
/// (and `continueExpected`) it produces.
func parseRequests(
    _ text: String, dripFed: Bool = false, limits: HTTPLimits = HTTPLimits()
) throws(HTTPRequestError) -> [HTTPRequestParser.Output] {
    var parser = HTTPRequestParser(limits: limits)
    var outputs: [HTTPRequestParser.Output] = []
    let bytes = Array(text.utf8)
    let pieces = dripFed ? bytes.map { [$0] } : [bytes]
    for piece in pieces {
        parser.append(piece)
        while true {
            let output = try parser.next()
            if output == .needMore { break }
            outputs.append(output)
        }
    }
    return outputs
}

/// The requests among `outputs`.
func requests(in outputs: [HTTPRequestParser.Output]) -> [HTTPRequest] {
    outputs.compactMap { output in
        if case .request(let request) = output { return request }
        return nil
    }
}

struct HTTPRequestParserTests {
    /// Requests that must parse identically whole and drip-fed.
    static let wellFormed: [String] = [
        ServerFixture.wire("GET /admin/query?app_id=abc HTTP/1.1\nHost: localhost\n\n"),
        ServerFixture.wire("POST /admin/transact HTTP/1.1\nContent-Length: 11\n\n{\"steps\":1}"),
        ServerFixture.wire(
            "PUT /storage/upload HTTP/1.1\nTransfer-Encoding: chunked\n\n5;ext=1\nhello\n6\n world\n0\nX-Trailer: 1\n\n"
        ),
        "GET /lf-only HTTP/1.1\nHost: x\n\n",
        ServerFixture.wire("\n\nGET /after-blank-lines HTTP/1.1\n\n"),
        ServerFixture.wire("GET /a HTTP/1.1\n\nGET /b HTTP/1.1\n\nPOST /c HTTP/1.1\nContent-Length: 2\n\nok"),
    ]

    @Test(arguments: wellFormed)
    func dripFeedingByteByByteMatchesParsingWhole(text: String) throws {
        let whole = try parseRequests(text)
        let dripped = try parseRequests(text, dripFed: true)
        #expect(!whole.isEmpty)
        #expect(dripped == whole)
    }

    @Test func parsesRequestLineHeadersAndQuery() throws {
        let text = ServerFixture.wire("GET /admin/query?app_id=7f3c&x=a+b%20c HTTP/1.1\nHost: localhost\nApp-Id: 7f3c\n\n")
        let request = try #require(requests(in: parseRequests(text)).first)
        #expect(request.method == .get)
        #expect(request.target == "/admin/query?app_id=7f3c&x=a+b%20c")
        #expect(request.path == "/admin/query")
        #expect(request.query["app_id"] == "7f3c")
        #expect(request.query["app-id"] == nil)
        #expect(request.query["x"] == "a b c")
        #expect(request.version == .http11)
        #expect(request.body.isEmpty)
    }

    @Test func answersPipelinedRequestsInOrder() throws {
        let parsed = try requests(in: parseRequests(Self.wellFormed[5]))
        #expect(parsed.map(\.path) == ["/a", "/b", "/c"])
        #expect(parsed.last?.body == Array("ok".utf8))
    }

    @Test func decodesChunkedBodiesAndIgnoresExtensionsAndTrailers() throws {
        let request = try #require(requests(in: parseRequests(Self.wellFormed[2], dripFed: true)).first)
        #expect(String(decoding: request.body, as: UTF8.self) == "hello world")
        #expect(request.headers["X-Trailer"] == nil)
    }

    @Test func looksUpHeadersCaseInsensitively() throws {
        let text = ServerFixture.wire("POST / HTTP/1.1\nCONTENT-length: 2\ncontent-TYPE: application/json\n\n{}")
        let request = try #require(requests(in: parseRequests(text)).first)
        #expect(request.headers["Content-Length"] == "2")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.body == Array("{}".utf8))
    }

    @Test func acceptsHeaderNamesWithUnderscores() throws {
        let text = ServerFixture.wire("PUT /storage/upload HTTP/1.1\napp_id: 7f3c\napp-id: other\n\n")
        let request = try #require(requests(in: parseRequests(text)).first)
        #expect(request.headers["app_id"] == "7f3c")
        #expect(request.headers["app-id"] == "other")
    }

    @Test(arguments: [
        ("//admin///query", "/admin/query"),
        ("/admin/query/", "/admin/query/"),
        ("/a%20b//c", "/a b/c"),
        ("/a%2F%2Fb", "/a//b"),
        ("http://localhost:8888//admin/query?app_id=1", "/admin/query"),
        ("*", "*"),
    ])
    func normalizesPaths(target: String, expectedPath: String) throws {
        let request = try #require(requests(in: parseRequests("OPTIONS \(target) HTTP/1.1\r\n\r\n")).first)
        #expect(request.path == expectedPath)
    }

    @Test(
        arguments: [
            ("HTTP/1.1", nil, true),
            ("HTTP/1.1", "close", false),
            ("HTTP/1.1", "Keep-Alive, CLOSE", false),
            ("HTTP/1.0", nil, false),
            ("HTTP/1.0", "keep-alive", true),
        ] as [(String, String?, Bool)])
    func appliesKeepAliveRules(version: String, connection: String?, keepAlive: Bool) throws {
        let header = connection.map { "Connection: \($0)\r\n" } ?? ""
        let request = try #require(requests(in: parseRequests("GET / \(version)\r\n\(header)\r\n")).first)
        #expect(request.keepAlive == keepAlive)
    }

    @Test func acceptsRepeatedEqualContentLengths() throws {
        let text = ServerFixture.wire("POST / HTTP/1.1\nContent-Length: 2, 2\nContent-Length: 2\n\nok")
        #expect(try requests(in: parseRequests(text)).first?.body == Array("ok".utf8))
    }

    @Test func reportsExpectContinueOnceBeforeTheBody() throws {
        var parser = HTTPRequestParser()
        parser.append(Array(ServerFixture.wire("POST / HTTP/1.1\nExpect: 100-continue\nContent-Length: 2\n\n").utf8))
        #expect(try parser.next() == .continueExpected)
        #expect(try parser.next() == .needMore)
        parser.append(Array("ok".utf8))
        guard case .request(let request) = try parser.next() else {
            Issue.record("expected a request")
            return
        }
        #expect(request.body == Array("ok".utf8))
    }

    @Test func skipsExpectContinueWhenTheBodyAlreadyArrived() throws {
        let outputs = try parseRequests(
            ServerFixture.wire("POST / HTTP/1.1\nExpect: 100-continue\nContent-Length: 2\n\nok"))
        #expect(outputs.count == 1)
        #expect(requests(in: outputs).count == 1)
    }

    @Test func idleOnlyBetweenRequests() throws {
        var parser = HTTPRequestParser()
        #expect(parser.isIdle)
        parser.append(Array("GET / HT".utf8))
        #expect(try parser.next() == .needMore)
        #expect(!parser.isIdle)
        parser.append(Array("TP/1.1\r\n\r\n".utf8))
        _ = try parser.next()
        #expect(parser.isIdle)
    }

    @Test func handsOverBytesAfterTheRequestForUpgrades() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("GET /socket HTTP/1.1\r\nUpgrade: websocket\r\n\r\n\u{81}\u{00}".utf8))
        guard case .request = try parser.next() else {
            Issue.record("expected a request")
            return
        }
        #expect(parser.takeUnconsumedBytes() == Array("\u{81}\u{00}".utf8))
        #expect(parser.isIdle)
    }
}
