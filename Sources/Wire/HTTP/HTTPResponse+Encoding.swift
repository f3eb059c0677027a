/// How a response body is delimited on the wire.
enum ResponseFraming: Hashable, Sendable {
    /// A body of exactly this many bytes, announced with `Content-Length`.
    case contentLength(Int)
    /// A chunked body of unknown length (HTTP/1.1 streams, protocol-http §6.2).
    case chunked
    /// A body that ends when the server closes the connection (HTTP/1.0 streams).
    case untilClose
    /// No body: the connection switches protocols. The handler's `Connection` and `Upgrade`
    /// headers are sent untouched.
    case upgrade
}

extension HTTPResponse {
    /// The interim response to `Expect: 100-continue` (RFC 9110 §10.1.1).
    static let continueHead = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
    /// The zero-size chunk and empty trailer that end a chunked body.
    static let finalChunk = Array("0\r\n\r\n".utf8)

    /// The status line and headers, ending with the blank line.
    ///
    /// The server owns framing: except for upgrades, any `Content-Length`,
    /// `Transfer-Encoding` or `Connection` the handler set is replaced. `keepAlive: false`
    /// adds `Connection: close`; an HTTP/1.0 client that asked for keep-alive gets
    /// `Connection: keep-alive` back (RFC 9112 §9.3). Always answers as HTTP/1.1, the highest
    /// version we support (RFC 9110 §6.2).
    func encodedHead(framing: ResponseFraming, keepAlive: Bool, requestVersion: HTTPVersion) -> [UInt8] {
        encoded(framing: framing, keepAlive: keepAlive, requestVersion: requestVersion, body: [])
    }

    /// The head followed by `body`, in one buffer: the response as one `send`.
    ///
    /// Written as bytes straight from the handler's headers, skipping the framing ones the
    /// server owns: string interpolation per header line, then copying the header list to
    /// edit it, were most of a small response's cost.
    func encoded(framing: ResponseFraming, keepAlive: Bool, requestVersion: HTTPVersion, body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(192 + headers.fields.count * 48 + body.count)
        out.append(contentsOf: Self.statusPrefix)
        Self.appendDecimal(status.code, to: &out)
        out.append(HTTPSyntax.space)
        Self.appendSingleLine(status.reason, to: &out)
        out.append(contentsOf: Self.lineEnd)
        let ownsFraming = framing != .upgrade
        for field in headers
        where !ownsFraming
            || !(HTTPHeaders.matches(field.name, "Content-Length")
                || HTTPHeaders.matches(field.name, "Transfer-Encoding")
                || HTTPHeaders.matches(field.name, "Connection"))
        {
            Self.appendSingleLine(field.name, to: &out)
            out.append(HTTPSyntax.colon)
            out.append(HTTPSyntax.space)
            Self.appendSingleLine(field.value, to: &out)
            out.append(contentsOf: Self.lineEnd)
        }
        if ownsFraming {
            switch framing {
            case .contentLength(let length):
                out.append(contentsOf: Self.contentLengthPrefix)
                Self.appendDecimal(length, to: &out)
                out.append(contentsOf: Self.lineEnd)
            case .chunked:
                out.append(contentsOf: Self.chunkedLine)
            case .untilClose, .upgrade:
                break
            }
            if !keepAlive {
                out.append(contentsOf: Self.closeLine)
            } else if requestVersion == .http10 {
                out.append(contentsOf: Self.keepAliveLine)
            }
        }
        out.append(contentsOf: Self.lineEnd)
        out.append(contentsOf: body)
        return out
    }

    private static let contentLengthPrefix = Array("Content-Length: ".utf8)
    private static let chunkedLine = Array("Transfer-Encoding: chunked\r\n".utf8)
    private static let closeLine = Array("Connection: close\r\n".utf8)
    private static let keepAliveLine = Array("Connection: keep-alive\r\n".utf8)
    private static let statusPrefix = Array("HTTP/1.1 ".utf8)
    private static let lineEnd: [UInt8] = [HTTPSyntax.carriageReturn, HTTPSyntax.lineFeed]

    /// Appends a non-negative integer in decimal, its digits laid out on the stack.
    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        var rest = UInt(max(0, value))
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Appends `text` with each line break (`\r\n`, `\r` or `\n`) replaced by one space, so
    /// a handler-supplied value can never inject extra header lines.
    private static func appendSingleLine(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == HTTPSyntax.carriageReturn || $0 == HTTPSyntax.lineFeed }) else {
                out.append(contentsOf: bytes)
                return
            }
            var previous: UInt8 = 0
            for byte in bytes {
                if byte == HTTPSyntax.lineFeed, previous == HTTPSyntax.carriageReturn {
                    previous = byte
                    continue
                }
                out.append(byte == HTTPSyntax.carriageReturn || byte == HTTPSyntax.lineFeed ? HTTPSyntax.space : byte)
                previous = byte
            }
        }
    }

    /// One chunk of a chunked body: hex size, line end, data, line end (RFC 9112 §7.1).
    static func encodedChunk(_ data: [UInt8]) -> [UInt8] {
        Array(String(data.count, radix: 16).utf8) + [HTTPSyntax.carriageReturn, HTTPSyntax.lineFeed] + data
            + [HTTPSyntax.carriageReturn, HTTPSyntax.lineFeed]
    }
}
