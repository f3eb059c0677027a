@testable import Wire

/// Frame bytes and parsing helpers for the WebSocket parser tests.
enum WebSocketBytes {
    /// The masking key client frames in tests use; fixed so failures are reproducible.
    static let maskingKey: [UInt8] = [0x37, 0xFA, 0x21, 0x3D]

    /// A frame as a client sends it: masked.
    static func client(_ frame: WebSocketFrame) -> [UInt8] {
        frame.encoded(maskingKey: maskingKey)
    }

    /// A raw client frame header with any bits, for malformed cases: first byte, then the
    /// mask bit and 7-bit length, extended length bytes, the key and payload masked.
    static func rawClientFrame(first: UInt8, lengthByte: UInt8, extended: [UInt8] = [], payload: [UInt8] = [])
        -> [UInt8]
    {
        [first, 0x80 | lengthByte] + extended + maskingKey + WebSocketFrame.masking(payload[...], with: maskingKey)
    }

    /// Every event in `bytes`, parsed at once or one byte at a time.
    static func events(
        in bytes: [UInt8], dripFed: Bool = false, role: WebSocketRole = .server,
        maxMessageBytes: Int = WebSocketLimits.defaultMaxMessageBytes
    ) throws(WebSocketError) -> [WebSocketEvent] {
        var parser = WebSocketParser(role: role, maxMessageBytes: maxMessageBytes)
        var events: [WebSocketEvent] = []
        let chunks: [[UInt8]] = dripFed ? bytes.map { [$0] } : [bytes]
        for chunk in chunks {
            parser.append(chunk)
            while let event = try parser.next() { events.append(event) }
        }
        try parser.finish()
        return events
    }
}
