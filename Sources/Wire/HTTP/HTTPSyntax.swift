/// Byte classes and constants from the HTTP grammar (RFC 9110 §5.6, RFC 9112 §2).
enum HTTPSyntax {
    /// Line feed; every line ends with it, optionally preceded by carriage return.
    static let lineFeed = UInt8(ascii: "\n")
    /// Carriage return.
    static let carriageReturn = UInt8(ascii: "\r")
    /// Space: separates request-line parts.
    static let space = UInt8(ascii: " ")
    /// Horizontal tab: optional whitespace, like space.
    static let tab = UInt8(ascii: "\t")
    /// Separates a header name from its value.
    static let colon = UInt8(ascii: ":")
    /// Starts chunk extensions after a chunk size.
    static let semicolon = UInt8(ascii: ";")

    /// Whether `byte` may appear in a token (method, header name): `tchar` of RFC 9110 §5.6.2.
    ///
    /// `_` is a tchar, which is why `app_id` is a valid header name (protocol-http §1.4).
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        // Spelled out rather than searched for in a string: this runs for every byte of
        // every header name.
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// Whether `byte` may appear in a field value: visible characters, space, tab and
    /// obs-text; never other controls (RFC 9110 §5.5).
    static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte == tab || (byte >= 0x20 && byte != 0x7F)
    }

    /// Whether every byte of `bytes` is visible ASCII, space or tab: a field value the
    /// common-head path accepts (a subset of `isFieldValueByte`, without obs-text).
    ///
    /// Eight bytes per step: the byte loop cost ten instructions a byte over an admin
    /// query's header values. A word with a byte below 0x20 or above 0x7E (carry tricks
    /// exact for "any byte", Bit Twiddling Hacks `hasless`/`hasmore`) is rechecked byte by
    /// byte, which is where a tab passes.
    static func isVisibleASCIIOrWhitespace(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let raw = UnsafeRawBufferPointer(bytes)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        while index + 8 <= raw.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let below = (word &- ones &* 0x20) & ~word & highBits
            let above = ((word &+ ones) | word) & highBits
            if below | above != 0 {
                for offset in index..<index + 8 where !isVisibleASCIIOrWhitespace(bytes[offset]) { return false }
            }
            index += 8
        }
        while index < raw.count {
            guard isVisibleASCIIOrWhitespace(bytes[index]) else { return false }
            index += 1
        }
        return true
    }

    /// One byte of `isVisibleASCIIOrWhitespace(_:)`.
    @inline(__always)
    static func isVisibleASCIIOrWhitespace(_ byte: UInt8) -> Bool {
        byte == tab || (byte >= 0x20 && byte < 0x7F)
    }

    /// Whether `byte` may appear in a request target: anything but controls and space.
    ///
    /// Lenient about non-ASCII bytes, which some clients send unescaped.
    static func isTargetByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte != 0x7F
    }

    /// Whether `byte` is optional whitespace.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    /// `bytes` without leading and trailing optional whitespace.
    static func trimmingWhitespace(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, isWhitespace(first) { slice.removeFirst() }
        while let last = slice.last, isWhitespace(last) { slice.removeLast() }
        return slice
    }

    /// `line` without its trailing carriage return, if any.
    static func droppingCarriageReturn(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == carriageReturn ? line.dropLast() : line
    }
}
