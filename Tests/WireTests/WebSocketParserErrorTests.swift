import Testing

@testable import Wire

/// Every malformed input and the error it must produce, parsed whole and drip-fed
/// (RFC 6455 §5, §7.1.7, §8.1).
struct WebSocketParserErrorTests {
    typealias Bytes = WebSocketBytes

    static let malformed: [(String, [UInt8], WebSocketError)] = [
        ("unmasked client frame", WebSocketFrame.text("hi").encoded(), .unmaskedClientFrame),
        ("reserved bit RSV1", Bytes.rawClientFrame(first: 0xC1, lengthByte: 0), .reservedBitsSet(4)),
        ("reserved bit RSV3", Bytes.rawClientFrame(first: 0x91, lengthByte: 0), .reservedBitsSet(1)),
        ("reserved data opcode", Bytes.rawClientFrame(first: 0x83, lengthByte: 0), .unknownOpcode(3)),
        ("reserved control opcode", Bytes.rawClientFrame(first: 0x8B, lengthByte: 0), .unknownOpcode(0xB)),
        (
            "oversized ping", Bytes.rawClientFrame(first: 0x89, lengthByte: 126, extended: [0, 126]),
            .oversizedControlFrame
        ),
        ("fragmented ping", Bytes.rawClientFrame(first: 0x09, lengthByte: 0), .fragmentedControlFrame),
        ("fragmented close", Bytes.rawClientFrame(first: 0x08, lengthByte: 0), .fragmentedControlFrame),
        (
            "16-bit length below 126", Bytes.rawClientFrame(first: 0x82, lengthByte: 126, extended: [0, 5]),
            .nonMinimalLength
        ),
        (
            "64-bit length below 65536",
            Bytes.rawClientFrame(first: 0x82, lengthByte: 127, extended: [0, 0, 0, 0, 0, 0, 0xFF, 0xFF]),
            .nonMinimalLength
        ),
        (
            "64-bit length with the top bit set",
            Bytes.rawClientFrame(first: 0x82, lengthByte: 127, extended: [0x80, 0, 0, 0, 0, 0, 0, 0]),
            .invalidLength
        ),
        ("truncated 16-bit length", [0x81, 0x80 | 126, 0x01], .truncatedFrame),
        ("truncated 64-bit length", [0x81, 0x80 | 127, 0, 0, 0], .truncatedFrame),
        ("truncated masking key", [0x81, 0x85, 0x37, 0xFA], .truncatedFrame),
        ("truncated payload", Array(Bytes.client(.text("Hello")).dropLast()), .truncatedFrame),
        (
            "unfinished fragmented message",
            Bytes.client(WebSocketFrame(isFinal: false, opcode: .text, payload: [0x61])), .truncatedFrame
        ),
        (
            "continuation without start", Bytes.client(WebSocketFrame(opcode: .continuation, payload: [0x61])),
            .continuationWithoutStart
        ),
        (
            "new message inside a fragmented one",
            Bytes.client(WebSocketFrame(isFinal: false, opcode: .text, payload: [0x61]))
                + Bytes.client(.text("b")),
            .expectedContinuation
        ),
        ("overlong encoding", Bytes.client(WebSocketFrame(opcode: .text, payload: [0xC0, 0x80])), .invalidUTF8),
        ("surrogate", Bytes.client(WebSocketFrame(opcode: .text, payload: [0xED, 0xA0, 0x80])), .invalidUTF8),
        (
            "above U+10FFFF", Bytes.client(WebSocketFrame(opcode: .text, payload: [0xF4, 0x90, 0x80, 0x80])),
            .invalidUTF8
        ),
        ("invalid byte", Bytes.client(WebSocketFrame(opcode: .text, payload: [0x61, 0xFF])), .invalidUTF8),
        ("cut code point", Bytes.client(WebSocketFrame(opcode: .text, payload: [0xE2, 0x82])), .invalidUTF8),
        (
            "bad UTF-8 in a later fragment",
            Bytes.client(WebSocketFrame(isFinal: false, opcode: .text, payload: [0x61]))
                + Bytes.client(WebSocketFrame(opcode: .continuation, payload: [0xC3, 0x28])),
            .invalidUTF8
        ),
        (
            "code point cut at the last fragment",
            Bytes.client(WebSocketFrame(isFinal: false, opcode: .text, payload: [0x61]))
                + Bytes.client(WebSocketFrame(opcode: .continuation, payload: [0xF0, 0x9D])),
            .invalidUTF8
        ),
        ("one-byte close payload", Bytes.client(WebSocketFrame(opcode: .close, payload: [3])), .invalidClosePayload),
        (
            "reserved close code 1005", Bytes.client(.close(code: WebSocketCloseCode(rawValue: 1005))),
            .invalidCloseCode(1005)
        ),
        (
            "close code below 1000", Bytes.client(.close(code: WebSocketCloseCode(rawValue: 999))),
            .invalidCloseCode(999)
        ),
        (
            "unassigned close code", Bytes.client(.close(code: WebSocketCloseCode(rawValue: 2000))),
            .invalidCloseCode(2000)
        ),
        (
            "bad UTF-8 close reason",
            Bytes.client(WebSocketFrame(opcode: .close, payload: [0x03, 0xE8, 0xFF])), .invalidUTF8
        ),
    ]

    @Test(arguments: malformed)
    func rejectsMalformedInput(name: String, bytes: [UInt8], expected: WebSocketError) {
        #expect(throws: expected, "\(name)") { try WebSocketBytes.events(in: bytes) }
        #expect(throws: expected, "\(name), drip-fed") { try WebSocketBytes.events(in: bytes, dripFed: true) }
    }

    @Test func rejectsAMaskedServerFrame() {
        let bytes = WebSocketBytes.client(.text("hi"))
        #expect(throws: WebSocketError.maskedServerFrame) { try WebSocketBytes.events(in: bytes, role: .client) }
    }

    @Test func rejectsAnOversizedFrameBeforeItsPayloadArrives() throws {
        var parser = WebSocketParser(role: .server, maxMessageBytes: 1000)
        // Only the header of a 1 MiB frame: rejected without buffering the payload.
        parser.append(
            WebSocketBytes.rawClientFrame(first: 0x82, lengthByte: 127, extended: [0, 0, 0, 0, 0, 0x10, 0, 0]))
        #expect(throws: WebSocketError.messageTooLarge(limit: 1000)) { try parser.next() }
    }

    @Test func rejectsAMessageOverTheLimitAcrossFragments() {
        let bytes =
            WebSocketBytes.client(WebSocketFrame(isFinal: false, opcode: .binary, payload: [1, 2, 3]))
            + WebSocketBytes.client(WebSocketFrame(opcode: .continuation, payload: [4, 5, 6]))
        #expect(throws: WebSocketError.messageTooLarge(limit: 5)) {
            try WebSocketBytes.events(in: bytes, maxMessageBytes: 5)
        }
        #expect(throws: WebSocketError.messageTooLarge(limit: 5)) {
            try WebSocketBytes.events(in: bytes, dripFed: true, maxMessageBytes: 5)
        }
    }

    @Test func keepsThrowingAfterAnError() {
        var parser = WebSocketParser(role: .server)
        parser.append(WebSocketFrame.text("x").encoded())
        #expect(throws: WebSocketError.unmaskedClientFrame) { try parser.next() }
        parser.append(WebSocketBytes.client(.text("fine")))
        #expect(throws: WebSocketError.unmaskedClientFrame) { try parser.next() }
    }

    @Test func mapsErrorsToCloseCodes() {
        #expect(WebSocketError.invalidUTF8.closeCode == .invalidPayload)
        #expect(WebSocketError.messageTooLarge(limit: 1).closeCode == .messageTooBig)
        #expect(WebSocketError.unmaskedClientFrame.closeCode == .protocolError)
    }
}
