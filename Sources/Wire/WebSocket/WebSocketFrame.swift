/// One WebSocket frame with its payload already unmasked (RFC 6455 §5.2).
///
/// The reserved bits are not represented: no extension is ever negotiated, so the parser
/// rejects any frame that sets them and the encoder never sets them.
public struct WebSocketFrame: Hashable, Sendable {
    /// Whether this is the last fragment of its message (`FIN`); always true for control frames.
    public var isFinal: Bool
    /// The frame type.
    public var opcode: WebSocketOpcode
    /// The application data, unmasked.
    public var payload: [UInt8]

    /// Builds a frame; a single unfragmented frame by default.
    public init(isFinal: Bool = true, opcode: WebSocketOpcode, payload: [UInt8] = []) {
        self.isFinal = isFinal
        self.opcode = opcode
        self.payload = payload
    }

    /// A complete text message in one frame; `text` is UTF-8 by construction.
    public static func text(_ text: String) -> WebSocketFrame {
        WebSocketFrame(opcode: .text, payload: Array(text.utf8))
    }

    /// A close frame: the code in network byte order then the UTF-8 reason (§5.5.1).
    ///
    /// The reason is cut at a character boundary so the payload stays within the 125 bytes a
    /// control frame may carry.
    public static func close(code: WebSocketCloseCode, reason: String = "") -> WebSocketFrame {
        var payload = [UInt8(code.rawValue >> 8), UInt8(truncatingIfNeeded: code.rawValue)]
        var reasonBytes: [UInt8] = []
        for character in reason {
            let encoded = Array(String(character).utf8)
            guard 2 + reasonBytes.count + encoded.count <= WebSocketLimits.maxControlPayloadBytes else { break }
            reasonBytes += encoded
        }
        payload += reasonBytes
        return WebSocketFrame(opcode: .close, payload: payload)
    }

    /// The number of bytes `encoded(maskingKey:)` produces, for outbound queue accounting.
    public func encodedCount(masked: Bool = false) -> Int {
        headerLength(masked: masked) + payload.count
    }

    /// The header size: 2 bytes, plus 2 or 8 for an extended length, plus 4 for a mask key
    /// (§5.2).
    func headerLength(masked: Bool) -> Int {
        let lengthBytes =
            switch payload.count {
            case 0...125: 0
            case 126...0xFFFF: 2
            default: 8
            }
        return 2 + lengthBytes + (masked ? 4 : 0)
    }
}
