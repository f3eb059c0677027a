/// Percent-decoding for paths and `application/x-www-form-urlencoded` query strings.
///
/// Lenient like the WHATWG URL standard: a `%` not followed by two hex digits stays literal,
/// and invalid UTF-8 becomes U+FFFD, so decoding never fails a request.
enum PercentDecoding {
    /// Decodes `%XX` escapes, and `+` as a space when `plusAsSpace` (query strings only).
    static func decode(_ text: Substring, plusAsSpace: Bool) -> String {
        // Checked on the UTF-8 view first: nearly every path has no escape, and copying it
        // into an array just to find that out showed up in request profiles.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) }) else {
            return String(text)
        }
        let bytes = Array(text.utf8)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                decoded.append(high << 4 | low)
                index += 3
                continue
            }
            decoded.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index += 1
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    /// The value of one hex digit, or `nil` for any other byte.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
