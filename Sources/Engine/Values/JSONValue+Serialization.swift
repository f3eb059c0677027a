/// Writes JSON text: compact, keys in insertion order, numbers as they were read.
extension JSONValue {
    /// The compact JSON text of this value.
    public var jsonString: String {
        var out: [UInt8] = []
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The compact JSON text as UTF-8 bytes.
    public var jsonBytes: [UInt8] {
        var out: [UInt8] = []
        write(to: &out)
        return out
    }

    /// Appends the compact JSON text to `out`.
    public func write(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let b): out.append(contentsOf: b ? JSONValue.trueBytes : JSONValue.falseBytes)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: JSONValue.formatDouble(d).utf8)
        case .bigNumber(let s): out.append(contentsOf: s.utf8)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (i, v) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                v.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            var first = true
            o.forEachEntry { k, v in
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                JSONValue.writeString(k, to: &out)
                out.append(UInt8(ascii: ":"))
                v.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Formats a double the way JavaScript would when it is integral and small,
    /// otherwise with Swift's shortest round-tripping spelling.
    static func formatDouble(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        // Int64(-0.0) is 0: spell negative zero out so it reads back as written.
        if d == 0, d.sign == .minus { return "-0.0" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) + ".0" }
        return d.description
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)

    /// Appends `s` as a quoted JSON string with the mandatory escapes. Runs of bytes that
    /// need no escape are copied in one go, and they are found eight bytes at a time: query
    /// results are mostly such text (zeneca's book descriptions alone are ~250 KB per
    /// nested query), and a byte-at-a-time scan made serialization the slowest step.
    public static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = s
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            let count = bytes.count
            var start = 0
            var i = 0
            while i < count {
                if i + 8 <= count,
                    !needsEscape(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
                {
                    i += 8
                    continue
                }
                let b = base[i]
                if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                    out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: i - start))
                    appendEscape(b, to: &out)
                    start = i + 1
                }
                i += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: count - start))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Whether any of the eight bytes of `word` is a control byte, `"` or `\` (the exact
    /// "has a byte less than n" and "has a zero byte" bit tricks; bytes ≥ 0x80 never match).
    @inline(__always)
    static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- ones &* 0x20) & ~word & highs
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let quoteZero = (quote &- ones) & ~quote & highs
        let backslashZero = (backslash &- ones) & ~backslash & highs
        return control | quoteZero | backslashZero != 0
    }

    /// The escape sequence of one byte that may not appear raw in a JSON string.
    private static func appendEscape(_ b: UInt8, to out: inout [UInt8]) {
        out.append(0x5C)
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(b)
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        default:
            out.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(b >> 4)], hexDigits[Int(b & 0xF)]])
        }
    }
}

extension JSONValue: CustomStringConvertible {
    public var description: String { jsonString }
}
