extension CELLexer {
    /// Decodes a string literal whose opening quote is at `position`
    /// (CEL language definition, "String and Bytes Literals").
    mutating func scanString(raw: Bool, start: Int) throws(CELError) -> String {
        var output = String.UnicodeScalarView()
        try scanQuoted(raw: raw, bytes: false, start: start) { scalar in
            output.append(scalar)
        } byte: { byte in
            output.append(Unicode.Scalar(byte))
        }
        return String(output)
    }

    /// Decodes a bytes literal whose opening quote is at `position`: text is UTF-8
    /// encoded, octal and hex escapes are raw bytes.
    mutating func scanBytes(raw: Bool, start: Int) throws(CELError) -> [UInt8] {
        var output: [UInt8] = []
        try scanQuoted(raw: raw, bytes: true, start: start) { scalar in
            output.append(contentsOf: Array(String(scalar).utf8))
        } byte: { byte in
            output.append(byte)
        }
        return output
    }

    /// Walks one quoted literal, reporting decoded scalars and escaped bytes.
    ///
    /// Single-quoted forms end at the line; triple-quoted forms span lines. `\r\n`
    /// and `\r` inside the literal read as `\n`, as in cel-java. In raw literals a
    /// backslash is an ordinary character (it cannot escape the closing quote), but
    /// the content may not end in an odd number of them.
    private mutating func scanQuoted(
        raw: Bool, bytes: Bool, start: Int,
        scalar emit: (Unicode.Scalar) -> Void, byte emitByte: (UInt8) -> Void
    ) throws(CELError) {
        guard let quote = peek() else {
            throw error("token recognition error at: '\(text(start, position))'", at: start)
        }
        let triple = peek(1) == quote && peek(2) == quote
        position += triple ? 3 : 1
        var pendingCarriageReturn = false
        var rawBackslashes = 0
        while true {
            guard let c = peek() else {
                throw error("token recognition error at: '\(text(start, position))'", at: start)
            }
            if c == quote, !triple || (peek(1) == quote && peek(2) == quote) {
                if rawBackslashes % 2 == 1 {
                    throw error("Raw literals cannot end with an odd number of \\", at: position - 1)
                }
                position += triple ? 3 : 1
                return
            }
            rawBackslashes = raw && c == "\\" ? rawBackslashes + 1 : 0
            if !triple, c == "\n" || c == "\r" {
                throw error("token recognition error at: '\(text(start, position))'", at: start)
            }
            if c == "\\", !raw {
                pendingCarriageReturn = false
                try scanEscape(bytes: bytes, scalar: emit, byte: emitByte)
                continue
            }
            position += 1
            if c == "\r" {
                emit("\n")
                pendingCarriageReturn = true
            } else if c == "\n", pendingCarriageReturn {
                pendingCarriageReturn = false
            } else {
                pendingCarriageReturn = false
                emit(c)
            }
        }
    }

    /// One escape sequence starting at the backslash under `position`.
    private mutating func scanEscape(
        bytes: Bool, scalar emit: (Unicode.Scalar) -> Void, byte emitByte: (UInt8) -> Void
    ) throws(CELError) {
        let start = position
        guard let kind = peek(1) else { throw error("String literal cannot end with \\", at: start) }
        position += 2
        switch kind {
        case "a": emit("\u{07}")
        case "b": emit("\u{08}")
        case "f": emit("\u{0C}")
        case "n": emit("\n")
        case "r": emit("\r")
        case "t": emit("\t")
        case "v": emit("\u{0B}")
        case "\"", "'", "\\", "?", "`": emit(kind)
        case "0"..."3":
            guard let d1 = peek(), let d2 = peek(1), ("0"..."7").contains(d1), ("0"..."7").contains(d2) else {
                throw error("Invalid octal escape sequence", at: start)
            }
            position += 2
            emitByte(UInt8((kind.value - 48) * 64 + (d1.value - 48) * 8 + (d2.value - 48)))
        case "x", "X":
            guard let value = hexValue(digits: 2) else { throw error("Invalid hex escape sequence", at: start) }
            emitByte(UInt8(value))
        case "u", "U":
            if bytes {
                throw error(
                    "Illegal escape sequence: Unicode escape sequences cannot be used in bytes literal", at: start)
            }
            guard let value = hexValue(digits: kind == "u" ? 4 : 8) else {
                throw error("Invalid unicode escape sequence", at: start)
            }
            guard let scalar = Unicode.Scalar(value) else { throw error("Invalid unicode code point", at: start) }
            emit(scalar)
        default:
            throw error("Illegal escape sequence", at: start)
        }
    }

    /// Reads exactly `digits` hex digits, or returns nil without consuming.
    private mutating func hexValue(digits: Int) -> UInt32? {
        var value: UInt32 = 0
        for i in 0..<digits {
            guard let c = peek(i), c.isCELHexDigit, let d = UInt32(String(c), radix: 16) else { return nil }
            value = value * 16 + d
        }
        position += digits
        return value
    }
}
