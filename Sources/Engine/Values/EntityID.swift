/// A UUID held as two 64-bit halves: 16 bytes, no allocation.
///
/// Entity ids, attr ids and ref values all share this type. Ordering is by
/// unsigned bytes, which equals lowercase hex string order (data-model §6.1 ties).
public struct EntityID: Hashable, Comparable, Sendable {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public static func < (lhs: EntityID, rhs: EntityID) -> Bool {
        lhs.high != rhs.high ? lhs.high < rhs.high : lhs.low < rhs.low
    }

    /// A random version-4 UUID.
    public static func random() -> EntityID {
        var g = SystemRandomNumberGenerator()
        var high = g.next() as UInt64
        var low = g.next() as UInt64
        high = (high & ~0xF000) | 0x4000
        low = (low & ~(0xC000_0000_0000_0000 as UInt64)) | 0x8000_0000_0000_0000
        return EntityID(high: high, low: low)
    }

    /// Parses the canonical 8-4-4-4-12 hex form, either case. Anything else is nil.
    public init?(_ text: String) {
        guard let id = EntityID.parse(text, allowUppercase: true) else { return nil }
        self = id
    }

    /// `init?(_:)` on part of a string (a header value), without copying it out first.
    public init?(_ text: Substring) {
        let parsed =
            text.utf8.withContiguousStorageIfAvailable { EntityID.parse(bytes: $0, allowUppercase: true) }
            ?? EntityID.parse(String(text), allowUppercase: true)
        guard let parsed else { return nil }
        self = parsed
    }

    /// Parses on the UTF-8 buffer: ids arrive in every request (app id, token, query values,
    /// every string value a transaction stores), and walking `String.UTF8View` through its
    /// generic iterator cost about 60 instructions a byte.
    static func parse(_ text: String, allowUppercase: Bool) -> EntityID? {
        guard text.utf8.count == 36 else { return nil }
        var text = text
        return text.withUTF8 { parse(bytes: $0, allowUppercase: allowUppercase) }
    }

    /// The canonical form in `bytes`, or nil. The dashes are checked first, then each
    /// group's digits in a loop of its own, so no byte is tested for being a dash position.
    static func parse(bytes: UnsafeBufferPointer<UInt8>, allowUppercase: Bool) -> EntityID? {
        guard bytes.count == 36, bytes[8] == UInt8(ascii: "-"), bytes[13] == UInt8(ascii: "-"),
            bytes[18] == UInt8(ascii: "-"), bytes[23] == UInt8(ascii: "-")
        else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        let u = allowUppercase
        guard shiftDigits(bytes, 0..<8, &high, u), shiftDigits(bytes, 9..<13, &high, u),
            shiftDigits(bytes, 14..<18, &high, u), shiftDigits(bytes, 19..<23, &low, u),
            shiftDigits(bytes, 24..<36, &low, u)
        else { return nil }
        return EntityID(high: high, low: low)
    }

    /// Shifts the hex digits of `range` into `half`; false at a byte that is not one.
    @inline(__always) private static func shiftDigits(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ half: inout UInt64, _ allowUppercase: Bool
    ) -> Bool {
        for i in range {
            guard let v = nibble(bytes[i], allowUppercase: allowUppercase) else { return false }
            half = half << 4 | v
        }
        return true
    }

    /// One hex digit's value; nil for anything else, and for `A`–`F` unless allowed.
    @inline(__always) static func nibble(_ b: UInt8, allowUppercase: Bool) -> UInt64? {
        let digit = b &- UInt8(ascii: "0")
        if digit < 10 { return UInt64(digit) }
        // Setting bit 5 maps `A`–`F` onto `a`–`f` and nothing else onto them.
        let letter = (b | 0x20) &- UInt8(ascii: "a")
        guard letter < 6, allowUppercase || b & 0x20 != 0 else { return nil }
        return UInt64(letter) + 10
    }

    /// The hash dictionaries and sets use: one multiply-xorshift mix of the two halves.
    ///
    /// Why: entity ids key the triple store, the attr catalogue and most per-query maps,
    /// and SipHash over 16 bytes was a tenth of a small query's instructions. Ids are not
    /// attacker-chosen in a local development server, so flooding resistance buys nothing.
    public func _rawHashValue(seed: Int) -> Int {
        var x = high ^ (low &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(UInt(bitPattern: seed))
        x ^= x >> 32
        x &*= 0xD6E8_FEB8_6659_FD93
        x ^= x >> 32
        x &*= 0xD6E8_FEB8_6659_FD93
        x ^= x >> 32
        return Int(bitPattern: UInt(x))
    }

    /// The lowercase canonical text, as sent on the wire.
    public var uuidString: String {
        String(unsafeUninitializedCapacity: 36) { buffer in
            var i = 0
            forEachCanonicalByte { byte in
                buffer[i] = byte
                i += 1
            }
            return 36
        }
    }

    /// Appends the canonical lowercase form, quoted, as a JSON string: what
    /// `JSONValue.writeString(uuidString, …)` writes, without building the string.
    public func writeJSONString(to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        forEachCanonicalByte { out.append($0) }
        out.append(UInt8(ascii: "\""))
    }

    /// Calls `emit` with each of the 36 bytes of the lowercase canonical form.
    ///
    /// Digits are computed rather than read from a table: rules turn ids into strings once
    /// per entity checked, and each read of a static table went through its lazy initialiser.
    @inline(__always)
    private func forEachCanonicalByte(_ emit: (UInt8) -> Void) {
        for n in 0..<32 {
            if n == 8 || n == 12 || n == 16 || n == 20 { emit(UInt8(ascii: "-")) }
            let word = n < 16 ? high : low
            let nibble = UInt8(truncatingIfNeeded: word >> UInt64(60 - (n % 16) * 4)) & 0xF
            emit(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble)
        }
    }

    /// The 16 bytes, big-endian.
    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            out[i] = UInt8(truncatingIfNeeded: high >> UInt64(56 - i * 8))
            out[8 + i] = UInt8(truncatingIfNeeded: low >> UInt64(56 - i * 8))
        }
        return out
    }
}

extension EntityID: CustomStringConvertible {
    public var description: String { uuidString }
}

extension JSONValue {
    /// The UUID this value names, when it is a string in canonical UUID form.
    public var entityID: EntityID? {
        if case .string(let s) = self { return EntityID(s) }
        return nil
    }

    /// The wire form of an id: its lowercase string.
    public init(_ id: EntityID) { self = .string(id.uuidString) }
}
