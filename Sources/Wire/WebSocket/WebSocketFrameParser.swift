/// An incremental, pure WebSocket frame parser: bytes in, need-more / a frame / a typed error
/// out, no I/O (STYLE §4). Enforces the per-frame rules of RFC 6455 §5.2 and §5.5;
/// `WebSocketParser` builds messages from the frames.
///
/// A frame's header is checked as soon as its bytes arrive, so an oversized or malformed
/// frame is rejected before its payload is buffered. After an error the parser keeps throwing
/// it: the connection must fail.
public struct WebSocketFrameParser: Sendable {
    /// Which side this parser reads for; decides whether frames must be masked.
    public let role: WebSocketRole
    /// The largest payload one frame may declare.
    public let maxPayloadBytes: Int
    /// Received bytes; those before `readIndex` are consumed.
    private var buffer: [UInt8] = []
    /// The first unconsumed byte in `buffer`.
    private var readIndex = 0
    /// The error that failed the stream, rethrown by every later call.
    private var failure: WebSocketError?

    /// Builds a parser for `role` that rejects frames over `maxPayloadBytes`.
    public init(role: WebSocketRole, maxPayloadBytes: Int = WebSocketLimits.defaultMaxMessageBytes) {
        self.role = role
        self.maxPayloadBytes = maxPayloadBytes
    }

    /// Whether no bytes of a next frame have arrived (the stream may end cleanly here).
    public var isIdle: Bool { readIndex == buffer.count }

    /// Adds received bytes.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if readIndex > 0, readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
        } else if readIndex > 4096, readIndex * 2 > buffer.count {
            buffer.removeFirst(readIndex)
            readIndex = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete frame, or `nil` when more bytes are needed.
    public mutating func next() throws(WebSocketError) -> WebSocketFrame? {
        if let failure { throw failure }
        do throws(WebSocketError) {
            return try parseFrame()
        } catch {
            failure = error
            throw error
        }
    }

    /// Reports the end of input: a frame cut short is an error, a clean boundary is not.
    public mutating func finish() throws(WebSocketError) {
        if let failure { throw failure }
        guard isIdle else {
            failure = .truncatedFrame
            throw .truncatedFrame
        }
    }

    /// Parses one frame from `buffer[readIndex...]` if it is all there (§5.2).
    private mutating func parseFrame() throws(WebSocketError) -> WebSocketFrame? {
        let available = buffer.count - readIndex
        guard available >= 2 else { return nil }
        let first = buffer[readIndex]
        let second = buffer[readIndex + 1]
        let reserved = (first >> 4) & 0x7
        guard reserved == 0 else { throw .reservedBitsSet(reserved) }
        guard let opcode = WebSocketOpcode(rawValue: first & 0x0F) else { throw .unknownOpcode(first & 0x0F) }
        let isFinal = first & 0x80 != 0
        let isMasked = second & 0x80 != 0
        switch role {
        case .server: guard isMasked else { throw .unmaskedClientFrame }
        case .client: guard !isMasked else { throw .maskedServerFrame }
        }
        let lengthCode = Int(second & 0x7F)
        if opcode.isControl {
            guard isFinal else { throw .fragmentedControlFrame }
            guard lengthCode <= WebSocketLimits.maxControlPayloadBytes else { throw .oversizedControlFrame }
        }
        guard let (payloadLength, lengthBytes) = try readLength(code: lengthCode, available: available) else {
            return nil
        }
        guard payloadLength <= UInt64(maxPayloadBytes) else { throw .messageTooLarge(limit: maxPayloadBytes) }
        let headerLength = 2 + lengthBytes + (isMasked ? 4 : 0)
        let frameLength = headerLength + Int(payloadLength)
        guard available >= frameLength else { return nil }
        let payloadStart = readIndex + headerLength
        let payloadSlice = buffer[payloadStart..<readIndex + frameLength]
        let payload: [UInt8]
        if isMasked {
            let key = Array(buffer[payloadStart - 4..<payloadStart])
            payload = WebSocketFrame.masking(payloadSlice, with: key)
        } else {
            payload = Array(payloadSlice)
        }
        readIndex += frameLength
        return WebSocketFrame(isFinal: isFinal, opcode: opcode, payload: payload)
    }

    /// Decodes the 7-bit, 16-bit or 64-bit payload length (§5.2).
    ///
    /// - Returns: the length and how many extended length bytes it used, or `nil` when those
    ///   bytes have not all arrived.
    private func readLength(code: Int, available: Int) throws(WebSocketError) -> (UInt64, Int)? {
        switch code {
        case 126:
            guard available >= 4 else { return nil }
            let length = UInt64(buffer[readIndex + 2]) << 8 | UInt64(buffer[readIndex + 3])
            guard length > 125 else { throw .nonMinimalLength }
            return (length, 2)
        case 127:
            guard available >= 10 else { return nil }
            var length: UInt64 = 0
            for offset in 2..<10 { length = length << 8 | UInt64(buffer[readIndex + offset]) }
            guard length >> 63 == 0 else { throw .invalidLength }
            guard length > 0xFFFF else { throw .nonMinimalLength }
            return (length, 8)
        default:
            return (UInt64(code), 0)
        }
    }
}
