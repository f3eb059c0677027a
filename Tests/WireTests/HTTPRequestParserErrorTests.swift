import Testing

@testable import Wire

struct HTTPRequestParserErrorTests {
    /// Malformed requests and the error each must produce.
    static let malformed: [(String, HTTPRequestError)] = [
        ("GET /\r\n\r\n", .malformedRequestLine),
        ("GET  / HTTP/1.1\r\n\r\n", .malformedRequestLine),
        ("G(T / HTTP/1.1\r\n\r\n", .malformedRequestLine),
        ("GET foo HTTP/1.1\r\n\r\n", .malformedRequestLine),
        ("GET / HTTX/1.1\r\n\r\n", .malformedRequestLine),
        ("GET / HTTP/1.1 extra\r\n\r\n", .malformedRequestLine),
        ("GET / HTTP/2.0\r\n\r\n", .unsupportedVersion("HTTP/2.0")),
        ("GET / HTTP/1.1\r\nHost localhost\r\n\r\n", .malformedHeader),
        ("GET / HTTP/1.1\r\nHost : localhost\r\n\r\n", .malformedHeader),
        ("GET / HTTP/1.1\r\n: empty-name\r\n\r\n", .malformedHeader),
        ("GET / HTTP/1.1\r\nX-A: 1\r\n folded\r\n\r\n", .malformedHeader),
        ("GET / HTTP/1.1\r\nX-A: a\u{01}b\r\n\r\n", .malformedHeader),
        ("POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n", .invalidContentLength),
        ("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", .invalidContentLength),
        ("POST / HTTP/1.1\r\nContent-Length: 5, 6\r\n\r\n", .invalidContentLength),
        ("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", .invalidContentLength),
        ("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", .conflictingFraming),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", .unsupportedTransferEncoding("gzip")),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", .unsupportedTransferEncoding("gzip, chunked")),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", .malformedChunk),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", .malformedChunk),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX", .malformedChunk),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\rX", .malformedChunk),
    ]

    @Test(arguments: malformed)
    func rejectsMalformedRequests(text: String, expected: HTTPRequestError) {
        #expect(throws: expected) { try parseRequests(text) }
        #expect(throws: expected) { try parseRequests(text, dripFed: true) }
    }

    @Test func keepsThrowingAfterAnError() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("BAD\r\n\r\n".utf8))
        #expect(throws: HTTPRequestError.malformedRequestLine) { try parser.next() }
        parser.append(Array("GET / HTTP/1.1\r\n\r\n".utf8))
        #expect(throws: HTTPRequestError.malformedRequestLine) { try parser.next() }
    }

    @Test func rejectsAnOversizedHeadBeforeItEnds() {
        let limits = HTTPLimits(maxHeaderBytes: 64)
        let endless = "GET / HTTP/1.1\r\nX-Padding: " + String(repeating: "a", count: 100)
        #expect(throws: HTTPRequestError.headersTooLarge(limit: 64)) { try parseRequests(endless, limits: limits) }
        #expect(throws: HTTPRequestError.headersTooLarge(limit: 64)) {
            try parseRequests(endless, dripFed: true, limits: limits)
        }
    }

    @Test func acceptsAHeadExactlyAtTheLimit() throws {
        let head = "GET / HTTP/1.1\r\nX-Padding: aaaa\r\n\r\n"
        let limits = HTTPLimits(maxHeaderBytes: head.utf8.count)
        #expect(try requests(in: parseRequests(head, limits: limits)).count == 1)
        let tooSmall = HTTPLimits(maxHeaderBytes: head.utf8.count - 1)
        #expect(throws: HTTPRequestError.headersTooLarge(limit: tooSmall.maxHeaderBytes)) {
            try parseRequests(head, limits: tooSmall)
        }
    }

    @Test func rejectsAnAnnouncedOversizedBodyBeforeReadingIt() throws {
        var parser = HTTPRequestParser(limits: HTTPLimits(maxBodyBytes: 10))
        parser.append(Array("POST /upload HTTP/1.1\r\nOrigin: http://app\r\nContent-Length: 11\r\n\r\n".utf8))
        #expect(throws: HTTPRequestError.bodyTooLarge(limit: 10)) { try parser.next() }
        #expect(parser.partialRequest?.headers["Origin"] == "http://app")
    }

    @Test func rejectsAHugeContentLengthWithoutOverflow() {
        let text = "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n"
        #expect(throws: HTTPRequestError.bodyTooLarge(limit: HTTPLimits.defaultMaxBodyBytes)) {
            try parseRequests(text)
        }
    }

    @Test func acceptsABodyExactlyAtTheLimit() throws {
        let limits = HTTPLimits(maxBodyBytes: 4)
        let text = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n2\r\ncd\r\n0\r\n\r\n"
        #expect(try requests(in: parseRequests(text, limits: limits)).first?.body == Array("abcd".utf8))
    }

    @Test func rejectsAChunkedBodyThatGrowsPastTheLimit() {
        let limits = HTTPLimits(maxBodyBytes: 4)
        let text = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n3\r\ncde\r\n0\r\n\r\n"
        #expect(throws: HTTPRequestError.bodyTooLarge(limit: 4)) { try parseRequests(text, limits: limits) }
        #expect(throws: HTTPRequestError.bodyTooLarge(limit: 4)) {
            try parseRequests(text, dripFed: true, limits: limits)
        }
    }

    @Test func rejectsAnEndlessChunkSizeLine() {
        let text = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1;" + String(repeating: "x", count: 2000)
        #expect(throws: HTTPRequestError.malformedChunk) { try parseRequests(text) }
    }

    @Test func rejectsOversizedTrailers() {
        let limits = HTTPLimits(maxHeaderBytes: 64)
        let text = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: " + String(repeating: "t", count: 80)
        #expect(throws: HTTPRequestError.headersTooLarge(limit: 64)) { try parseRequests(text, limits: limits) }
    }

    @Test(arguments: [
        (HTTPRequestError.malformedRequestLine, 400, "validation-failed"),
        (.malformedHeader, 400, "validation-failed"),
        (.unsupportedVersion("HTTP/2.0"), 505, "validation-failed"),
        (.headersTooLarge(limit: 1), 431, "validation-failed"),
        (.bodyTooLarge(limit: 1), 413, "validation-failed"),
        (.invalidContentLength, 400, "validation-failed"),
        (.conflictingFraming, 400, "validation-failed"),
        (.unsupportedTransferEncoding("gzip"), 501, "validation-failed"),
        (.malformedChunk, 400, "validation-failed"),
        (.requestTimedOut, 408, "operation-timed-out"),
    ])
    func rendersEveryErrorAsAJSONEnvelope(error: HTTPRequestError, status: Int, type: String) throws {
        let response = error.response
        #expect(response.status.code == status)
        #expect(response.headers["Content-Type"] == HTTPResponse.jsonContentType)
        #expect(response.headers["Connection"] == "close")
        guard case .bytes(let body) = response.body else {
            Issue.record("expected a byte body")
            return
        }
        let envelope = try #require(RawHTTPResponse.jsonObject(body))
        #expect(envelope["type"] as? String == type)
        #expect((envelope["message"] as? String)?.isEmpty == false)
        #expect(envelope.keys.contains("hint"))
        #expect((envelope["trace-id"] as? String)?.isEmpty == false)
    }
}
