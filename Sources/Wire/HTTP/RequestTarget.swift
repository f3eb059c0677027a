/// The routing parts of a request target: a normalized path and the decoded query.
///
/// Accepts origin-form (`/admin/query?app_id=…`), absolute-form
/// (`http://host/admin/query`, sent through proxies) and asterisk-form (`*`, for
/// `OPTIONS`), RFC 9112 §3.2.
struct RequestTarget: Equatable, Sendable {
    /// The path with repeated slashes collapsed, then percent-decoded; `*` for asterisk-form.
    var path: String
    /// The decoded query string.
    var query: HTTPQuery

    /// Splits and normalizes `target`; `nil` when it is not one of the accepted forms.
    init?(parsing target: String) {
        if target == "*" {
            path = "*"
            query = HTTPQuery()
            return
        }
        var remainder = Substring(target)
        if !remainder.hasPrefix("/") {
            guard let schemeEnd = remainder.range(of: "://") else { return nil }
            let scheme = remainder[..<schemeEnd.lowerBound].lowercased()
            guard scheme == "http" || scheme == "https" else { return nil }
            remainder = remainder[schemeEnd.upperBound...]
            let authorityEnd = remainder.firstIndex { $0 == "/" || $0 == "?" } ?? remainder.endIndex
            remainder = remainder[authorityEnd...]
        }
        let fragmentStart = remainder.firstIndex(of: "#") ?? remainder.endIndex
        remainder = remainder[..<fragmentStart]
        let queryStart = remainder.firstIndex(of: "?")
        let rawPath = remainder[..<(queryStart ?? remainder.endIndex)]
        let rawQuery = queryStart.map { remainder[remainder.index(after: $0)...] } ?? ""
        path = PercentDecoding.decode(Substring(Self.collapsingSlashes(rawPath)), plusAsSpace: false)
        query = HTTPQuery(encoded: rawQuery)
    }

    /// Collapses runs of `/` into one and guarantees a leading `/`.
    ///
    /// JS clients concatenate an `apiURI` with a trailing slash and a path, producing
    /// `//admin/query` (protocol-http §1.1); collapsing happens before decoding so an
    /// escaped `%2F` is not merged.
    static func collapsingSlashes(_ path: Substring) -> String {
        // The usual path needs no change; checking bytes first skips rebuilding it by character.
        let bytes = path.utf8
        let slash = UInt8(ascii: "/")
        if bytes.first == slash, !zip(bytes, bytes.dropFirst()).contains(where: { $0 == slash && $1 == slash }) {
            return String(path)
        }
        var result = "/"
        var previousWasSlash = true
        for character in path {
            if character == "/" {
                if previousWasSlash { continue }
                previousWasSlash = true
            } else {
                previousWasSlash = false
            }
            result.append(character)
        }
        return result
    }
}
