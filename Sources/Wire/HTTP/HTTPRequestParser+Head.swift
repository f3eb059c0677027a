extension HTTPRequestParser {
    /// Consumes the request head once its terminating blank line has arrived.
    ///
    /// - Returns: the request without a body, or `nil` when the head is incomplete.
    /// - Throws: `.headersTooLarge` as soon as the head outgrows the limit, without waiting
    ///   for its end; any syntax error of the request line or headers.
    mutating func parseHead() throws(HTTPRequestError) -> HTTPRequest? {
        guard skipLeadingBlankLines() else { return nil }
        var index = max(headScanIndex, readIndex)
        while index < buffer.count {
            if buffer[index] == HTTPSyntax.lineFeed, endsBlankLine(at: index) {
                let headLength = index + 1 - readIndex
                guard headLength <= limits.maxHeaderBytes else {
                    throw .headersTooLarge(limit: limits.maxHeaderBytes)
                }
                let head = try Self.parseHead(buffer[readIndex..<index])
                readIndex = index + 1
                headScanIndex = readIndex
                return head
            }
            index += 1
        }
        headScanIndex = index
        guard buffer.count - readIndex <= limits.maxHeaderBytes else {
            throw .headersTooLarge(limit: limits.maxHeaderBytes)
        }
        return nil
    }

    /// Skips empty lines before a request line, which RFC 9112 §2.2 asks servers to tolerate
    /// (some clients send a stray CRLF after a body).
    ///
    /// - Returns: `false` when the buffer ends in the middle of such a line.
    private mutating func skipLeadingBlankLines() -> Bool {
        guard headScanIndex <= readIndex else { return true }
        while readIndex < buffer.count {
            if buffer[readIndex] == HTTPSyntax.lineFeed {
                readIndex += 1
            } else if buffer[readIndex] == HTTPSyntax.carriageReturn {
                guard readIndex + 1 < buffer.count else { return false }
                guard buffer[readIndex + 1] == HTTPSyntax.lineFeed else { break }
                readIndex += 2
            } else {
                break
            }
        }
        headScanIndex = readIndex
        return true
    }

    /// Whether the line feed at `index` ends an empty line (`\n\n` or `\n\r\n`), which ends
    /// the head. The head never starts with an empty line after `skipLeadingBlankLines`.
    private func endsBlankLine(at index: Int) -> Bool {
        if index - 1 >= readIndex, buffer[index - 1] == HTTPSyntax.lineFeed { return true }
        return index - 2 >= readIndex && buffer[index - 1] == HTTPSyntax.carriageReturn
            && buffer[index - 2] == HTTPSyntax.lineFeed
    }

    /// Parses a complete head: the request line, then one header per line.
    static func parseHead(_ head: ArraySlice<UInt8>) throws(HTTPRequestError) -> HTTPRequest {
        var lines = head.split(separator: HTTPSyntax.lineFeed, omittingEmptySubsequences: false)
            .map(HTTPSyntax.droppingCarriageReturn)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first else { throw .malformedRequestLine }
        let (method, target, version) = try parseRequestLine(requestLine)
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            let field = try parseHeaderLine(line)
            headers.add(field.name, field.value)
        }
        return HTTPRequest(method: method, target: target, version: version, headers: headers)
    }

    /// Parses `method SP target SP HTTP/x.y` (RFC 9112 §3).
    static func parseRequestLine(
        _ line: ArraySlice<UInt8>
    ) throws(HTTPRequestError) -> (HTTPMethod, String, HTTPVersion) {
        let parts = line.split(separator: HTTPSyntax.space, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(HTTPSyntax.isTokenCharacter),
            !parts[1].isEmpty, parts[1].allSatisfy(HTTPSyntax.isTargetByte)
        else { throw .malformedRequestLine }
        let target = String(decoding: parts[1], as: UTF8.self)
        guard RequestTarget(parsing: target) != nil else { throw .malformedRequestLine }
        let method = HTTPMethod(rawValue: String(decoding: parts[0], as: UTF8.self))
        return (method, target, try parseVersion(parts[2]))
    }

    /// Parses `HTTP/1.0` or `HTTP/1.1`; another well-formed version is unsupported (505).
    static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPRequestError) -> HTTPVersion {
        let text = String(decoding: bytes, as: UTF8.self)
        let digits = Array(text.utf8.dropFirst(5))
        guard text.hasPrefix("HTTP/"), digits.count == 3, digits[1] == UInt8(ascii: "."),
            let major = PercentDecoding.hexValue(digits[0]), major < 10,
            let minor = PercentDecoding.hexValue(digits[2]), minor < 10
        else { throw .malformedRequestLine }
        switch (major, minor) {
        case (1, 0): return .http10
        case (1, 1): return .http11
        default: throw .unsupportedVersion(text)
        }
    }

    /// Parses `name: value`; the name must be a token directly followed by the colon, and the
    /// line must not start with whitespace (obsolete line folding, RFC 9112 §5.2).
    static func parseHeaderLine(_ line: ArraySlice<UInt8>) throws(HTTPRequestError) -> HTTPHeaderField {
        guard let colon = line.firstIndex(of: HTTPSyntax.colon) else { throw .malformedHeader }
        let name = line[..<colon]
        let value = HTTPSyntax.trimmingWhitespace(line[(colon + 1)...])
        guard !name.isEmpty, name.allSatisfy(HTTPSyntax.isTokenCharacter),
            value.allSatisfy(HTTPSyntax.isFieldValueByte)
        else { throw .malformedHeader }
        return HTTPHeaderField(
            name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
    }
}
