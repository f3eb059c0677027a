/// The routing parts of a request target: a normalized path and the decoded query.
///
/// Accepts origin-form (`/admin/query?app_id=…`), absolute-form
/// (`http://host/admin/query`, sent through proxies) and asterisk-form (`*`, for
/// `OPTIONS`), RFC 9112 §3.2.
///
/// Parsed on UTF-8 bytes: every request goes through here, and the character-based
/// version (grapheme breaking on each `firstIndex`, `hasPrefix`) cost more than the rest of
/// the request head.
struct RequestTarget: Equatable, Sendable {
    /// The path with repeated slashes collapsed, then percent-decoded; `*` for asterisk-form.
    var path: String
    /// The decoded query string.
    var query: HTTPQuery

    /// Splits and normalizes `target`; `nil` when it is not one of the accepted forms.
    init?(parsing target: String) {
        var text = target
        guard let parsed = text.withUTF8({ Self.parse($0) }) else { return nil }
        self = parsed
    }

    private init(path: String, query: HTTPQuery) {
        self.path = path
        self.query = query
    }

    private static let slash = UInt8(ascii: "/")
    private static let httpScheme = Array("http".utf8)
    private static let httpsScheme = Array("https".utf8)

    /// The byte-level parse behind `init(parsing:)`.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> RequestTarget? {
        if bytes.count == 1, bytes[0] == UInt8(ascii: "*") {
            return RequestTarget(path: "*", query: HTTPQuery())
        }
        var start = 0
        if bytes.first != slash {
            // Absolute form: `scheme://authority` then the origin form (possibly empty).
            guard let schemeEnd = find(":", in: bytes, from: 0), schemeEnd + 2 < bytes.count,
                bytes[schemeEnd + 1] == slash, bytes[schemeEnd + 2] == slash
            else { return nil }
            let scheme = UnsafeBufferPointer(rebasing: bytes[0..<schemeEnd]).map { $0 | 0x20 }
            guard scheme == httpScheme || scheme == httpsScheme else { return nil }
            start = schemeEnd + 3
            while start < bytes.count, bytes[start] != slash, bytes[start] != UInt8(ascii: "?") { start += 1 }
        }
        let end = find("#", in: bytes, from: start) ?? bytes.count
        let queryStart = find("?", in: bytes, from: start, before: end)
        let rawPath = UnsafeBufferPointer(rebasing: bytes[start..<(queryStart ?? end)])
        let path = PercentDecoding.decode(Substring(collapsingSlashes(rawPath)), plusAsSpace: false)
        guard let queryStart, queryStart + 1 < end else { return RequestTarget(path: path, query: HTTPQuery()) }
        let rawQuery = String(decoding: UnsafeBufferPointer(rebasing: bytes[(queryStart + 1)..<end]), as: UTF8.self)
        return RequestTarget(path: path, query: HTTPQuery(encoded: Substring(rawQuery)))
    }

    /// The first index of `character` in `bytes[from..<before]`.
    private static func find(
        _ character: Unicode.Scalar, in bytes: UnsafeBufferPointer<UInt8>, from: Int, before: Int? = nil
    ) -> Int? {
        let byte = UInt8(ascii: character)
        var i = from
        let end = before ?? bytes.count
        while i < end {
            if bytes[i] == byte { return i }
            i += 1
        }
        return nil
    }

    /// Collapses runs of `/` into one and guarantees a leading `/`.
    ///
    /// JS clients concatenate an `apiURI` with a trailing slash and a path, producing
    /// `//admin/query` (protocol-http §1.1); collapsing happens before decoding so an
    /// escaped `%2F` is not merged.
    static func collapsingSlashes(_ path: Substring) -> String {
        var text = String(path)
        return text.withUTF8 { collapsingSlashes($0) }
    }

    /// `collapsingSlashes` on bytes.
    private static func collapsingSlashes(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var needsChange = bytes.first != slash
        if !needsChange, bytes.count > 1 {
            for i in 1..<bytes.count where bytes[i] == slash && bytes[i - 1] == slash {
                needsChange = true
                break
            }
        }
        guard needsChange else { return String(decoding: bytes, as: UTF8.self) }
        var result: [UInt8] = [slash]
        result.reserveCapacity(bytes.count + 1)
        for byte in bytes where byte != slash || result.last != slash { result.append(byte) }
        return String(decoding: result, as: UTF8.self)
    }
}
