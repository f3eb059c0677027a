#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension HTTPRequestParser {
    /// What a parsed head's headers say about the body, gathered while they were parsed so
    /// the fields are not searched again by name, and whether the head was all repeats.
    struct HeadSummary: Sendable {
        /// The body length when the head settled it: no `Transfer-Encoding` and at most one
        /// plain decimal `Content-Length`. `nil` means `BodyFraming` reads the headers.
        var contentLength: Int?
        /// Whether an `Expect` field is present, so it is looked up only then.
        var hasExpect: Bool
        /// Whether the head repeated the recent head's target and every field, so there is
        /// nothing new to remember (storing it again cost 260 instructions of retains and
        /// releases per `/health` request).
        var repeatsRecentHead = false

        /// Nothing known: the headers decide everything, as for a generally parsed head.
        static let unknown = HeadSummary(contentLength: nil, hasExpect: true)

        /// The body framing of a head with these `headers` (RFC 9112 §6.3).
        func framing(of headers: HTTPHeaders, limits: HTTPLimits) throws(HTTPRequestError) -> BodyFraming {
            if let contentLength, contentLength <= limits.maxBodyBytes { return .length(contentLength) }
            return try BodyFraming(headers: headers, limits: limits)
        }
    }

    /// Parses the head that nearly every client sends in one pass over its bytes: an
    /// origin-form target of visible ASCII without `%`, `#`, `//` or a `+` in the query,
    /// `HTTP/1.0` or `HTTP/1.1`, and well-formed ASCII header lines.
    ///
    /// Returns `nil` for anything else, malformed heads included, and the caller then runs
    /// the general `parseHead(_:)`, which decides every unusual case and every error: this
    /// path only has to be right about what it accepts (checked against the general path in
    /// `HTTPRequestParserCommonHeadTests`). It exists because `next()` cost about 7,500
    /// instructions for wrk's two-line `/health` head and 23,600 for an SDK admin query
    /// (callgrind, `Scripts/bench wire`): slices with bounds checks per byte, a target turned
    /// into a `String` and parsed again, and the fields searched three more times for the
    /// body framing and `Expect`. With this path they cost about 2,950 and 8,600 on a new
    /// connection, 2,100 and 5,900 when `recent` repeats most of the head.
    ///
    /// - Parameters:
    ///   - head: the head without the line feed that ends it.
    ///   - fieldCount: about how many header lines it has, to allocate the fields once.
    ///   - recent: the previous common head on this connection, whose strings are reused
    ///     where this one repeats them.
    static func parseCommonHead(
        _ head: UnsafeBufferPointer<UInt8>, fieldCount: Int, recent: HTTPRecentHead = HTTPRecentHead()
    ) -> (HTTPRequest, HeadSummary)? {
        guard
            let (method, target, path, query, version, headersStart, repeatsTarget) = parseCommonRequestLine(
                head, recent)
        else { return nil }
        var index = headersStart
        var headers = HTTPHeadersBuilder(recent: recent.headers, capacity: min(fieldCount, 64))
        var summary = HeadSummary(contentLength: 0, hasExpect: false)
        var lengthFields = 0
        while index < head.count {
            // The head ends with the empty line's carriage return, or with nothing after `\n\n`.
            if head[index] == HTTPSyntax.carriageReturn, index + 1 == head.count { break }
            guard let lineEnd = lineFeed(in: head, from: index) else { return nil }
            // A carriage return before the line feed belongs to the line end; any other is
            // rejected by the value check below, as the general path rejects it.
            let contentEnd = lineEnd > index && head[lineEnd - 1] == HTTPSyntax.carriageReturn ? lineEnd - 1 : lineEnd
            let nameStart = index
            while index < contentEnd, head[index] != HTTPSyntax.colon {
                guard HTTPSyntax.isTokenCharacter(head[index]) else { return nil }
                index += 1
            }
            guard index > nameStart, index < contentEnd else { return nil }
            let name = UnsafeBufferPointer(rebasing: head[nameStart..<index])
            var valueStart = index + 1
            var valueEnd = contentEnd
            while valueStart < valueEnd, HTTPSyntax.isWhitespace(head[valueStart]) { valueStart += 1 }
            while valueEnd > valueStart, HTTPSyntax.isWhitespace(head[valueEnd - 1]) { valueEnd -= 1 }
            let value = UnsafeBufferPointer(rebasing: head[valueStart..<valueEnd])
            index = lineEnd + 1
            guard headers.add(name: name, value: value) else { return nil }
            switch name.count {
            case 6 where equalsLowercased(name, "expect"):
                summary.hasExpect = true
            case 14 where equalsLowercased(name, "content-length"):
                lengthFields += 1
                summary.contentLength = plainDecimal(value)
            case 17 where equalsLowercased(name, "transfer-encoding"):
                lengthFields += 2
            default:
                break
            }
        }
        // Chunked coding, repeated lengths and their conflicts are `BodyFraming`'s to judge.
        if lengthFields > 1 { summary.contentLength = nil }
        summary.repeatsRecentHead = repeatsTarget && headers.repeatsAll
        let request = HTTPRequest(
            method: method, target: target, path: path, query: query, version: version, headers: headers.finish())
        return (request, summary)
    }

    /// The request line of `parseCommonHead`, and where the header lines start.
    private static func parseCommonRequestLine(
        _ head: UnsafeBufferPointer<UInt8>, _ recent: HTTPRecentHead
    ) -> (HTTPMethod, String, String, HTTPQuery, HTTPVersion, Int, repeatsTarget: Bool)? {
        var index = 0
        while index < head.count, head[index] != HTTPSyntax.space {
            guard HTTPSyntax.isTokenCharacter(head[index]) else { return nil }
            index += 1
        }
        guard index > 0, index < head.count else { return nil }
        let method = commonMethod(UnsafeBufferPointer(rebasing: head[0..<index]))
        index += 1
        let targetStart = index
        guard index < head.count, head[index] == UInt8(ascii: "/") else { return nil }
        var queryStart: Int?
        var previous: UInt8 = 0
        while index < head.count, head[index] != HTTPSyntax.space {
            let byte = head[index]
            // Escapes, fragments and repeated slashes need the general normalization.
            guard byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "%"), byte != UInt8(ascii: "#") else { return nil }
            if queryStart == nil {
                if byte == UInt8(ascii: "/"), previous == UInt8(ascii: "/") { return nil }
                if byte == UInt8(ascii: "?") { queryStart = index }
            } else if byte == UInt8(ascii: "+") {
                return nil
            }
            previous = byte
            index += 1
        }
        let targetEnd = index
        // ` HTTP/1.x` then the line end: exactly what `parseVersion` accepts without a 505.
        guard targetEnd + 10 <= head.count, head[targetEnd] == HTTPSyntax.space else { return nil }
        // "HTTP/1." read as one little-endian word (with the minor digit masked off).
        let versionBytes = UnsafeRawBufferPointer(
            rebasing: UnsafeRawBufferPointer(head)[(targetEnd + 1)..<(targetEnd + 9)])
        guard versionBytes.loadUnaligned(as: UInt64.self).littleEndian & 0x00FF_FFFF_FFFF_FFFF == 0x2E_312F_5054_5448
        else { return nil }
        let minor = versionBytes[7]
        guard minor == UInt8(ascii: "0") || minor == UInt8(ascii: "1") else { return nil }
        index = targetEnd + 9
        if head[index] == HTTPSyntax.carriageReturn { index += 1 }
        guard index < head.count, head[index] == HTTPSyntax.lineFeed else { return nil }
        let version: HTTPVersion = minor == UInt8(ascii: "1") ? .http11 : .http10
        let targetBytes = UnsafeBufferPointer(rebasing: head[targetStart..<targetEnd])
        if HTTPRecentHead.spells(recent.target, targetBytes) {
            return (method, recent.target, recent.path, recent.query, version, index + 1, true)
        }
        let target = String(decoding: targetBytes, as: UTF8.self)
        guard let queryStart else { return (method, target, target, HTTPQuery(), version, index + 1, false) }
        let path = String(decoding: UnsafeBufferPointer(rebasing: head[targetStart..<queryStart]), as: UTF8.self)
        let query = plainQuery(UnsafeBufferPointer(rebasing: head[(queryStart + 1)..<targetEnd]))
        return (method, target, path, query, version, index + 1, false)
    }

    /// The method, sharing the constant's string for the common ones (a generic
    /// `elementsEqual` against `"GET".utf8` cost 200 instructions per request).
    private static func commonMethod(_ bytes: UnsafeBufferPointer<UInt8>) -> HTTPMethod {
        switch bytes.count {
        case 3 where bytes[0] == UInt8(ascii: "G") && bytes[1] == UInt8(ascii: "E") && bytes[2] == UInt8(ascii: "T"):
            .get
        case 4
        where bytes[0] == UInt8(ascii: "P") && bytes[1] == UInt8(ascii: "O") && bytes[2] == UInt8(ascii: "S")
            && bytes[3] == UInt8(ascii: "T"):
            .post
        default: HTTPMethod(rawValue: String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The index of the first line feed in `head` at or after `from`, found with `memchr`.
    static func lineFeed(in head: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = head.baseAddress, from < head.count,
            let found = memchr(base + from, Int32(HTTPSyntax.lineFeed), head.count - from)
        else { return nil }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }

    /// A query without escapes or `+`: `&`-separated pairs, empty ones skipped, split at
    /// the first `=` (as `HTTPQuery(encoded:)` does, which decodes nothing here).
    private static func plainQuery(_ bytes: UnsafeBufferPointer<UInt8>) -> HTTPQuery {
        var items: [HTTPQueryItem] = []
        var pairStart = 0
        while pairStart < bytes.count {
            var pairEnd = pairStart
            var equals: Int?
            while pairEnd < bytes.count, bytes[pairEnd] != UInt8(ascii: "&") {
                if equals == nil, bytes[pairEnd] == UInt8(ascii: "=") { equals = pairEnd }
                pairEnd += 1
            }
            if pairEnd > pairStart {
                let nameEnd = equals ?? pairEnd
                let valueStart = equals.map { $0 + 1 } ?? pairEnd
                items.append(
                    HTTPQueryItem(
                        name: String(
                            decoding: UnsafeBufferPointer(rebasing: bytes[pairStart..<nameEnd]), as: UTF8.self),
                        value: String(
                            decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<pairEnd]), as: UTF8.self)))
            }
            pairStart = pairEnd + 1
        }
        return HTTPQuery(items)
    }

    /// Whether the token `name` spells `lowercased` in any case. `| 0x20` folds only letters
    /// among token characters (the other byte it could match, for `-`, is a control).
    private static func equalsLowercased(_ name: UnsafeBufferPointer<UInt8>, _ lowercased: StaticString) -> Bool {
        let expected = UnsafeBufferPointer(start: lowercased.utf8Start, count: lowercased.utf8CodeUnitCount)
        for index in 0..<name.count where name[index] | 0x20 != expected[index] { return false }
        return true
    }

    /// The value of 1 to `BodyFraming.maxContentLengthDigits` decimal digits and nothing
    /// else; `nil` for anything `BodyFraming` must judge (lists, spaces, signs, overflow).
    private static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= BodyFraming.maxContentLengthDigits else { return nil }
        var number = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            number = number * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return number
    }
}
