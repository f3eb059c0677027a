import Testing

@testable import Wire

/// Well-formed frames and messages, parsed whole and drip-fed byte by byte (STYLE §9).
struct WebSocketParserTests {
    @Test(arguments: [false, true])
    func parsesAMaskedTextFrame(dripFed: Bool) throws {
        let bytes = WebSocketBytes.client(.text("{\"op\":\"init\"}"))
        #expect(try WebSocketBytes.events(in: bytes, dripFed: dripFed) == [.message(.text("{\"op\":\"init\"}"))])
    }

    @Test func decodesTheRFCMaskedHelloExample() throws {
        // RFC 6455 §5.7: a single-frame masked text message containing "Hello".
        let bytes: [UInt8] = [0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58]
        #expect(try WebSocketBytes.events(in: bytes, dripFed: true) == [.message(.text("Hello"))])
        #expect(WebSocketFrame.text("Hello").encoded(maskingKey: [0x37, 0xFA, 0x21, 0x3D]) == bytes)
    }

    @Test func encodesTheRFCUnmaskedHelloExample() throws {
        // RFC 6455 §5.7: what a server sends.
        #expect(WebSocketFrame.text("Hello").encoded() == [0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F])
        let events = try WebSocketBytes.events(in: [0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F], role: .client)
        #expect(events == [.message(.text("Hello"))])
    }

    /// Payload sizes at each boundary of the 7-bit, 16-bit and 64-bit length encodings.
    @Test(arguments: [0, 1, 125, 126, 127, 65535, 65536, 70000])
    func roundTripsEveryLengthEncoding(size: Int) throws {
        let payload = (0..<size).map { UInt8(truncatingIfNeeded: $0) }
        let frame = WebSocketFrame(opcode: .binary, payload: payload)
        let masked = WebSocketBytes.client(frame)
        #expect(masked.count == frame.encodedCount(masked: true))
        #expect(frame.encoded().count == frame.encodedCount())
        let dripFed = size <= 70000
        #expect(try WebSocketBytes.events(in: masked, dripFed: dripFed) == [.message(.binary(payload))])
        #expect(try WebSocketBytes.events(in: frame.encoded(), role: .client) == [.message(.binary(payload))])
    }

    @Test(arguments: [false, true])
    func reassemblesFragmentsWithControlFramesInBetween(dripFed: Bool) throws {
        let euro = Array("€".utf8)
        // "a€b" split so the euro sign's three bytes straddle two fragments (RFC 6455 §5.4).
        let bytes =
            WebSocketBytes.client(WebSocketFrame(isFinal: false, opcode: .text, payload: [0x61] + euro[0..<1]))
            + WebSocketBytes.client(WebSocketFrame(opcode: .ping, payload: [1, 2]))
            + WebSocketBytes.client(WebSocketFrame(isFinal: false, opcode: .continuation, payload: Array(euro[1...])))
            + WebSocketBytes.client(WebSocketFrame(opcode: .pong))
            + WebSocketBytes.client(WebSocketFrame(opcode: .continuation, payload: [0x62]))
        let events = try WebSocketBytes.events(in: bytes, dripFed: dripFed)
        #expect(events == [.ping([1, 2]), .pong([]), .message(.text("a€b"))])
    }

    @Test func reassemblesBinaryFragments() throws {
        let bytes =
            WebSocketBytes.client(WebSocketFrame(isFinal: false, opcode: .binary, payload: [1]))
            + WebSocketBytes.client(WebSocketFrame(isFinal: false, opcode: .continuation, payload: []))
            + WebSocketBytes.client(WebSocketFrame(opcode: .continuation, payload: [2, 3]))
        #expect(try WebSocketBytes.events(in: bytes, dripFed: true) == [.message(.binary([1, 2, 3]))])
    }

    @Test func parsesCloseFrames() throws {
        let bytes =
            WebSocketBytes.client(.close(code: .goingAway, reason: "bye ✓"))
            + WebSocketBytes.client(WebSocketFrame(opcode: .close))
            + WebSocketBytes.client(.close(code: WebSocketCloseCode(rawValue: 4000)))
        let events = try WebSocketBytes.events(in: bytes, dripFed: true)
        #expect(
            events == [
                .close(code: .goingAway, reason: "bye ✓"), .close(code: nil, reason: ""),
                .close(code: WebSocketCloseCode(rawValue: 4000), reason: ""),
            ])
    }

    @Test func cutsLongCloseReasonsAtACharacterBoundary() throws {
        let frame = WebSocketFrame.close(code: .normalClosure, reason: String(repeating: "é", count: 100))
        #expect(frame.payload.count <= WebSocketLimits.maxControlPayloadBytes)
        #expect(frame.payload.count == 124)
        #expect(try WebSocketBytes.events(in: WebSocketBytes.client(frame)).count == 1)
    }

    @Test func acceptsAMessageExactlyAtTheLimit() throws {
        let bytes =
            WebSocketBytes.client(WebSocketFrame(isFinal: false, opcode: .text, payload: Array("abc".utf8)))
            + WebSocketBytes.client(WebSocketFrame(opcode: .continuation, payload: Array("de".utf8)))
        #expect(try WebSocketBytes.events(in: bytes, maxMessageBytes: 5) == [.message(.text("abcde"))])
    }

    @Test func reportsNeedMoreUntilTheLastByte() throws {
        let bytes = WebSocketBytes.client(WebSocketFrame(opcode: .binary, payload: [UInt8](repeating: 7, count: 300)))
        var parser = WebSocketParser(role: .server)
        for byte in bytes.dropLast() {
            parser.append([byte])
            #expect(try parser.next() == nil)
        }
        #expect(!parser.isIdle)
        parser.append([bytes.last!])
        #expect(try parser.next() == .message(.binary([UInt8](repeating: 7, count: 300))))
        #expect(parser.isIdle)
    }

    /// Valid UTF-8 of every length class, including the extremes of each range.
    @Test(arguments: [
        "", "ascii", "é", "€", "𝄞", "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}", "\u{D7FF}\u{E000}",
    ])
    func acceptsValidUTF8(text: String) throws {
        var validator = UTF8Validator()
        let accepted = validator.consume(Array(text.utf8))
        #expect(accepted)
        #expect(validator.isComplete)
    }
}
