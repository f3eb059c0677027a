/// An incremental UTF-8 checker (RFC 3629 §4), so a text message split across fragments, or
/// a code point split across frames, is validated as one byte stream and rejected as soon as
/// an invalid byte arrives (RFC 6455 §8.1).
///
/// Rejects overlong forms, surrogates (U+D800–U+DFFF) and code points above U+10FFFF by
/// narrowing the range the next continuation byte may take.
struct UTF8Validator: Hashable, Sendable {
    /// Continuation bytes the current code point still needs; 0 between code points.
    private var remaining = 0
    /// The smallest byte the next continuation byte may be.
    private var lower: UInt8 = 0x80
    /// The largest byte the next continuation byte may be.
    private var upper: UInt8 = 0xBF

    /// Whether the bytes so far end on a code point boundary: a message is valid only if so.
    var isComplete: Bool { remaining == 0 }

    /// Feeds `bytes`; returns false at the first byte that cannot continue valid UTF-8.
    mutating func consume(_ bytes: some Sequence<UInt8>) -> Bool {
        for byte in bytes where !accept(byte) {
            return false
        }
        return true
    }

    /// Checks one byte against the RFC 3629 §4 grammar.
    private mutating func accept(_ byte: UInt8) -> Bool {
        if remaining > 0 {
            guard byte >= lower, byte <= upper else { return false }
            remaining -= 1
            (lower, upper) = (0x80, 0xBF)
            return true
        }
        switch byte {
        case 0x00...0x7F: return true
        case 0xC2...0xDF: start(1)
        case 0xE0: start(2, lower: 0xA0)
        case 0xE1...0xEC, 0xEE...0xEF: start(2)
        case 0xED: start(2, upper: 0x9F)
        case 0xF0: start(3, lower: 0x90)
        case 0xF1...0xF3: start(3)
        case 0xF4: start(3, upper: 0x8F)
        default: return false
        }
        return true
    }

    /// Begins a multi-byte code point; the bounds apply to its first continuation byte only.
    private mutating func start(_ continuations: Int, lower: UInt8 = 0x80, upper: UInt8 = 0xBF) {
        remaining = continuations
        self.lower = lower
        self.upper = upper
    }
}
