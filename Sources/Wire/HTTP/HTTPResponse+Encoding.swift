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
        var headers = self.headers
        if framing != .upgrade {
            headers.remove("Content-Length")
            headers.remove("Transfer-Encoding")
            headers.remove("Connection")
            switch framing {
            case .contentLength(let length): headers.add("Content-Length", String(length))
            case .chunked: headers.add("Transfer-Encoding", "chunked")
            case .untilClose, .upgrade: break
            }
            if !keepAlive {
                headers.add("Connection", "close")
            } else if requestVersion == .http10 {
                headers.add("Connection", "keep-alive")
            }
        }
        var text = "HTTP/1.1 \(status.code) \(Self.singleLine(status.reason))\r\n"
        for field in headers {
            text += "\(Self.singleLine(field.name)): \(Self.singleLine(field.value))\r\n"
        }
        text += "\r\n"
        return Array(text.utf8)
    }

    /// One chunk of a chunked body: hex size, line end, data, line end (RFC 9112 §7.1).
    static func encodedChunk(_ data: [UInt8]) -> [UInt8] {
        Array(String(data.count, radix: 16).utf8) + [HTTPSyntax.carriageReturn, HTTPSyntax.lineFeed] + data
            + [HTTPSyntax.carriageReturn, HTTPSyntax.lineFeed]
    }

    /// `text` with line breaks replaced by spaces, so a handler-supplied value can never
    /// inject extra header lines.
    private static func singleLine(_ text: String) -> String {
        // Checked on bytes: iterating characters here cost more than the rest of the head.
        guard text.utf8.contains(where: { $0 == HTTPSyntax.carriageReturn || $0 == HTTPSyntax.lineFeed }) else {
            return text
        }
        return String(text.map { $0 == "\r" || $0 == "\n" || $0 == "\r\n" ? " " : $0 })
    }
}
