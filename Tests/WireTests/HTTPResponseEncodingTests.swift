import Foundation
import Testing

@testable import Wire

struct HTTPResponseEncodingTests {
    /// `bytes` as text, for comparing heads.
    func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    @Test func writesStatusLineHeadersAndLength() {
        let response = HTTPResponse.json(Array("{}".utf8))
        let head = response.encodedHead(framing: .contentLength(2), keepAlive: true, requestVersion: .http11)
        #expect(
            text(head)
                == "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 2\r\n\r\n")
    }

    @Test func replacesFramingHeadersTheHandlerSet() {
        let response = HTTPResponse(
            headers: ["content-length": "999", "Transfer-Encoding": "gzip", "Connection": "upgrade", "X-A": "1"])
        let head = text(response.encodedHead(framing: .chunked, keepAlive: false, requestVersion: .http11))
        #expect(head == "HTTP/1.1 200 OK\r\nX-A: 1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
    }

    @Test func confirmsKeepAliveToHTTP10Clients() {
        let head = text(
            HTTPResponse().encodedHead(framing: .contentLength(0), keepAlive: true, requestVersion: .http10))
        #expect(head.contains("Connection: keep-alive\r\n"))
    }

    @Test func leavesUpgradeHeadersAlone() {
        let response = HTTPResponse(
            status: .switchingProtocols, headers: ["Connection": "Upgrade", "Upgrade": "websocket"])
        let head = text(response.encodedHead(framing: .upgrade, keepAlive: false, requestVersion: .http11))
        #expect(head == "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
    }

    @Test func neutralizesLineBreaksInHeaderValues() {
        let response = HTTPResponse(headers: ["X-Evil": "a\r\nSet-Cookie: b"])
        let head = text(response.encodedHead(framing: .contentLength(0), keepAlive: true, requestVersion: .http11))
        #expect(head.contains("X-Evil: a Set-Cookie: b\r\n"))
    }

    @Test func framesChunksInHex() {
        #expect(text(HTTPResponse.encodedChunk(Array(repeating: UInt8(ascii: "a"), count: 26))).hasPrefix("1a\r\naaa"))
        #expect(text(HTTPResponse.encodedChunk(Array("hi".utf8))) == "2\r\nhi\r\n")
        #expect(text(HTTPResponse.finalChunk) == "0\r\n\r\n")
    }

    @Test func rendersTheErrorEnvelopeInUpstreamShape() throws {
        let envelope = ErrorEnvelope(
            type: "param-missing", message: "Missing \"x\"\n", hintJSON: #"{"in":["body","x"]}"#, traceID: "t1")
        #expect(
            text(envelope.encoded())
                == #"{"type":"param-missing","message":"Missing \"x\"\n","hint":{"in":["body","x"]},"trace-id":"t1"}"#)
        let withoutHint = try #require(RawHTTPResponse.jsonObject(ErrorEnvelope(type: "t", message: "m").encoded()))
        #expect(withoutHint["hint"] is NSNull)
        #expect((withoutHint["trace-id"] as? String)?.count == 36)
    }

    @Test func escapesControlCharactersInJSON() {
        #expect(JSONText.string("a\u{01}\u{1F}\t\\") == #""a\u0001\u001f\t\\""#)
    }
}
