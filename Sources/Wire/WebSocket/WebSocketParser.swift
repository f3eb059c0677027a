/// An incremental, pure WebSocket message parser: frames in (via `WebSocketFrameParser`),
/// whole messages and control events out (RFC 6455 §5.4–§5.6).
///
/// Reassembles fragmented messages, lets control frames interleave with fragments, checks
/// text for UTF-8 as each fragment arrives (so a code point split across frames is fine and
/// bad bytes are caught early), enforces the message size limit across fragments, and
/// validates close payloads. After an error the parser keeps throwing it.
public struct WebSocketParser: Sendable {
    /// A fragmented message still being received.
    private struct PartialMessage: Sendable {
        /// Text or binary, from the first fragment.
        var opcode: WebSocketOpcode
        /// The fragments' payloads so far.
        var bytes: [UInt8]
        /// UTF-8 state across fragments of a text message.
        var validator = UTF8Validator()
    }

    /// The frame layer.
    private var frames: WebSocketFrameParser
    /// The largest message accepted, all fragments together.
    public let maxMessageBytes: Int
    /// The unfinished fragmented message, if any.
    private var partial: PartialMessage?
    /// The error that failed the stream, rethrown by every later call.
    private var failure: WebSocketError?

    /// Builds a parser for `role` accepting messages up to `maxMessageBytes`.
    public init(role: WebSocketRole, maxMessageBytes: Int = WebSocketLimits.defaultMaxMessageBytes) {
        frames = WebSocketFrameParser(role: role, maxPayloadBytes: maxMessageBytes)
        self.maxMessageBytes = maxMessageBytes
    }

    /// Whether the stream could end here without cutting a frame or a message short.
    public var isIdle: Bool { frames.isIdle && partial == nil }

    /// Adds received bytes.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        frames.append(bytes)
    }

    /// The next message or control frame, or `nil` when more bytes are needed.
    public mutating func next() throws(WebSocketError) -> WebSocketEvent? {
        if let failure { throw failure }
        do throws(WebSocketError) {
            while let frame = try frames.next() {
                if let event = try accept(frame) { return event }
            }
            return nil
        } catch {
            failure = error
            throw error
        }
    }

    /// Reports the end of input: a frame or fragmented message cut short is `.truncatedFrame`.
    public mutating func finish() throws(WebSocketError) {
        if let failure { throw failure }
        try frames.finish()
        if partial != nil {
            failure = .truncatedFrame
            throw .truncatedFrame
        }
    }

    /// Folds one frame into the message being built.
    private mutating func accept(_ frame: WebSocketFrame) throws(WebSocketError) -> WebSocketEvent? {
        switch frame.opcode {
        case .ping:
            return .ping(frame.payload)
        case .pong:
            return .pong(frame.payload)
        case .close:
            return try Self.closeEvent(frame.payload)
        case .text, .binary:
            guard partial == nil else { throw .expectedContinuation }
            var message = PartialMessage(opcode: frame.opcode, bytes: frame.payload)
            try Self.check(frame.payload, of: &message)
            if frame.isFinal { return try Self.complete(message) }
            partial = message
            return nil
        case .continuation:
            guard var message = partial else { throw .continuationWithoutStart }
            guard message.bytes.count + frame.payload.count <= maxMessageBytes else {
                throw .messageTooLarge(limit: maxMessageBytes)
            }
            partial = nil
            try Self.check(frame.payload, of: &message)
            message.bytes += frame.payload
            if frame.isFinal { return try Self.complete(message) }
            partial = message
            return nil
        }
    }

    /// Runs a text fragment through the message's UTF-8 check (§8.1: fail fast).
    private static func check(_ payload: [UInt8], of message: inout PartialMessage) throws(WebSocketError) {
        guard message.opcode == .text else { return }
        guard message.validator.consume(payload) else { throw .invalidUTF8 }
    }

    /// The finished message; text must end on a code point boundary.
    private static func complete(_ message: PartialMessage) throws(WebSocketError) -> WebSocketEvent {
        guard message.opcode == .text else { return .message(.binary(message.bytes)) }
        guard message.validator.isComplete else { throw .invalidUTF8 }
        return .message(.text(String(decoding: message.bytes, as: UTF8.self)))
    }

    /// Decodes a close payload: empty, or a valid code then a UTF-8 reason (§5.5.1, §7.4).
    private static func closeEvent(_ payload: [UInt8]) throws(WebSocketError) -> WebSocketEvent {
        if payload.isEmpty { return .close(code: nil, reason: "") }
        guard payload.count >= 2 else { throw .invalidClosePayload }
        let code = WebSocketCloseCode(rawValue: UInt16(payload[0]) << 8 | UInt16(payload[1]))
        guard code.isAllowedOnWire else { throw .invalidCloseCode(code.rawValue) }
        let reason = payload[2...]
        var validator = UTF8Validator()
        guard validator.consume(reason), validator.isComplete else { throw .invalidUTF8 }
        return .close(code: code, reason: String(decoding: reason, as: UTF8.self))
    }
}
