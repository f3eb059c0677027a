#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The strings of the last head a connection's parser built, handed out again when the next
/// head repeats them byte for byte.
///
/// A keep-alive client repeats nearly its whole head on every request (wrk's `/health`
/// exactly; an SDK its host, token, app id and content type, with only the length and
/// target changing). Building each string again cost about 200 instructions, a `malloc`
/// for values over 15 bytes and a `free` later; comparing the bytes with the previous
/// string costs a fraction of that. Only heads from the common-head path are kept, so a
/// reused value was checked by the same rules before.
struct HTTPRecentHead: Sendable {
    /// The previous request target as received.
    var target = ""
    /// The path derived from `target`.
    var path = ""
    /// The query derived from `target`.
    var query = HTTPQuery()
    /// The previous head's fields, in order.
    var headers = HTTPHeaders()

    /// Nothing remembered yet.
    init() {}

    /// Remembers `request`'s head.
    init(_ request: HTTPRequest) {
        target = request.target
        path = request.path
        query = request.query
        headers = request.headers
    }

    /// Whether `string` is exactly `bytes`.
    static func spells(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard string.utf8.count == bytes.count else { return false }
        guard let base = bytes.baseAddress else { return true }
        return string.utf8.withContiguousStorageIfAvailable { stored in
            stored.baseAddress.map { memcmp($0, base, bytes.count) == 0 } ?? false
        } ?? false
    }
}
