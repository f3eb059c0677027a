extension HTTPRequestParser {
    /// Consumes the request head once its terminating blank line has arrived.
    ///
    /// - Returns: the request without a body and what its headers say about the body, or
    ///   `nil` when the head is incomplete.
    /// - Throws: `.headersTooLarge` as soon as the head outgrows the limit, without waiting
    ///   for its end; any syntax error of the request line or headers.
    mutating func parseHead() throws(HTTPRequestError) -> (HTTPRequest, HeadSummary)? {
        guard skipLeadingBlankLines() else { return nil }
        let (start, from) = (readIndex, max(headScanIndex, readIndex))
        var lineFeeds = headLineFeeds
        let end = buffer.withUnsafeBufferPointer {
            Self.findHeadEnd(in: $0, from: from, headStart: start, &lineFeeds)
        }
        headLineFeeds = lineFeeds
        guard let end else {
            headScanIndex = buffer.count
            guard buffer.count - readIndex <= limits.maxHeaderBytes else {
                throw .headersTooLarge(limit: limits.maxHeaderBytes)
            }
            return nil
        }
        guard end + 1 - readIndex <= limits.maxHeaderBytes else {
            throw .headersTooLarge(limit: limits.maxHeaderBytes)
        }
        // The common head parses on raw bytes in one pass; anything it does not vouch for
        // (errors included, so their precedence stays exactly as before) goes the general way.
        let fieldCount = max(lineFeeds - 2, 0)
        let recent = recentHead
        let common = buffer.withUnsafeBufferPointer {
            Self.parseCommonHead(UnsafeBufferPointer(rebasing: $0[start..<end]), fieldCount: fieldCount, recent: recent)
        }
        if let common {
            consumeHead(endingAt: end)
            if !common.1.repeatsRecentHead { recentHead = HTTPRecentHead(common.0) }
            return common
        }
        let general = try Self.parseHead(buffer[start..<end])
        consumeHead(endingAt: end)
        return (general, HeadSummary.unknown)
    }

    /// Moves past a parsed head whose last line feed is at `end`.
    private mutating func consumeHead(endingAt end: Int) {
        readIndex = end + 1
        headScanIndex = readIndex
        headLineFeeds = 0
    }

    /// The index of the line feed that ends the head (the one closing its first empty
    /// line), searching from `from`; counts the line feeds passed into `lineFeeds`.
    ///
    /// Jumps from line feed to line feed (`lineFeed(in:from:)`, with `memchr`): a
    /// byte-by-byte loop over the array was a tenth of the parse cost of an admin query's head.
    static func findHeadEnd(
        in bytes: UnsafeBufferPointer<UInt8>, from: Int, headStart: Int, _ lineFeeds: inout Int
    ) -> Int? {
        var index = from
        while let found = lineFeed(in: bytes, from: index) {
            index = found
            lineFeeds += 1
            // An empty line: `\n\n` or `\n\r\n`. The head never starts with one after
            // `skipLeadingBlankLines`.
            if index - 1 >= headStart, bytes[index - 1] == HTTPSyntax.lineFeed { return index }
            if index - 2 >= headStart, bytes[index - 1] == HTTPSyntax.carriageReturn,
                bytes[index - 2] == HTTPSyntax.lineFeed
            {
                return index
            }
            index += 1
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
        headLineFeeds = 0
        return true
    }

    /// Parses a complete head: the request line, then one header per line. The general
    /// path, for heads `parseCommonHead` does not vouch for.
    ///
    /// Walks the lines by index instead of splitting the head into arrays: this runs once
    /// per request, and the split-and-map version was the largest cost of answering one.
    static func parseHead(_ head: ArraySlice<UInt8>) throws(HTTPRequestError) -> HTTPRequest {
        var lineStart = head.startIndex
        var requestLine: (HTTPMethod, String, RequestTarget, HTTPVersion)?
        var headers = HTTPHeaders()
        while lineStart < head.endIndex {
            let lineEnd = head[lineStart...].firstIndex(of: HTTPSyntax.lineFeed) ?? head.endIndex
            let line = HTTPSyntax.droppingCarriageReturn(head[lineStart..<lineEnd])
            lineStart = lineEnd + 1
            if requestLine == nil {
                requestLine = try parseRequestLine(line)
            } else if line.isEmpty {
                // Only trailing empty lines can be empty: the head ends at the first blank line.
                continue
            } else {
                let field = try parseHeaderLine(line)
                headers.add(field.name, field.value)
            }
        }
        guard let (method, target, parsed, version) = requestLine else { throw .malformedRequestLine }
        return HTTPRequest(method: method, target: target, parsed: parsed, version: version, headers: headers)
    }

    /// Parses `method SP target SP HTTP/x.y` (RFC 9112 §3).
    static func parseRequestLine(
        _ line: ArraySlice<UInt8>
    ) throws(HTTPRequestError) -> (HTTPMethod, String, RequestTarget, HTTPVersion) {
        guard let firstSpace = line.firstIndex(of: HTTPSyntax.space),
            let secondSpace = line[(firstSpace + 1)...].firstIndex(of: HTTPSyntax.space),
            !line[(secondSpace + 1)...].contains(HTTPSyntax.space)
        else { throw .malformedRequestLine }
        let methodBytes = line[..<firstSpace]
        let targetBytes = line[(firstSpace + 1)..<secondSpace]
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(HTTPSyntax.isTokenCharacter),
            !targetBytes.isEmpty, targetBytes.allSatisfy(HTTPSyntax.isTargetByte)
        else { throw .malformedRequestLine }
        let target = String(decoding: targetBytes, as: UTF8.self)
        guard let parsed = RequestTarget(parsing: target) else { throw .malformedRequestLine }
        let version = try parseVersion(line[(secondSpace + 1)...])
        return (method(methodBytes), target, parsed, version)
    }

    /// The method, sharing the constant's string for the common ones.
    static func method(_ bytes: ArraySlice<UInt8>) -> HTTPMethod {
        switch bytes.count {
        case 3 where bytes.elementsEqual("GET".utf8): .get
        case 4 where bytes.elementsEqual("POST".utf8): .post
        default: HTTPMethod(rawValue: String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Parses `HTTP/1.0` or `HTTP/1.1`; another well-formed version is unsupported (505).
    static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPRequestError) -> HTTPVersion {
        let b = bytes.startIndex
        guard bytes.count == 8, bytes[b..<b + 5].elementsEqual("HTTP/".utf8), bytes[b + 6] == UInt8(ascii: "."),
            let major = PercentDecoding.hexValue(bytes[b + 5]), major < 10,
            let minor = PercentDecoding.hexValue(bytes[b + 7]), minor < 10
        else { throw .malformedRequestLine }
        switch (major, minor) {
        case (1, 0): return .http10
        case (1, 1): return .http11
        default: throw .unsupportedVersion(String(decoding: bytes, as: UTF8.self))
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
