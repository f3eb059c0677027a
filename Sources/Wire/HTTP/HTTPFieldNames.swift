/// The header names real clients send, as constant strings the parser hands out instead of
/// building a new `String` per field.
///
/// Building a field name cost about 180 instructions (UTF-8 validation, then the string);
/// comparing against the few names every request carries costs a tenth of that. Only exact
/// spellings are shared, because a field keeps its name as the client wrote it: both the
/// capitalized form (Python `requests`, curl, wrk) and the lower-case one (Node's fetch).
enum HTTPFieldNames {
    /// The shared string spelling exactly `name`, or `nil` when it is not a common name.
    ///
    /// Spelled out per length, each literal twice (the bytes to compare and the string to
    /// return): a table of strings would compare through their UTF-8 views, which costs what
    /// this saves.
    static func interned(_ name: UnsafeBufferPointer<UInt8>) -> String? {
        switch name.count {
        case 4:
            if spells("Host", name) { return "Host" }
            if spells("host", name) { return "host" }
        case 6:
            if spells("Accept", name) { return "Accept" }
            if spells("accept", name) { return "accept" }
            if spells("Origin", name) { return "Origin" }
            if spells("origin", name) { return "origin" }
            if spells("App-Id", name) { return "App-Id" }
            if spells("app-id", name) { return "app-id" }
            if spells("app_id", name) { return "app_id" }
        case 10:
            if spells("User-Agent", name) { return "User-Agent" }
            if spells("user-agent", name) { return "user-agent" }
            if spells("Connection", name) { return "Connection" }
            if spells("connection", name) { return "connection" }
        case 12:
            if spells("Content-Type", name) { return "Content-Type" }
            if spells("content-type", name) { return "content-type" }
        case 13:
            if spells("Authorization", name) { return "Authorization" }
            if spells("authorization", name) { return "authorization" }
        case 14:
            if spells("Content-Length", name) { return "Content-Length" }
            if spells("content-length", name) { return "content-length" }
        case 15:
            if spells("Accept-Encoding", name) { return "Accept-Encoding" }
            if spells("accept-encoding", name) { return "accept-encoding" }
            if spells("Accept-Language", name) { return "Accept-Language" }
            if spells("accept-language", name) { return "accept-language" }
        default:
            break
        }
        return nil
    }

    /// Whether `candidate` has exactly the bytes of `name` (of the same length).
    private static func spells(_ candidate: StaticString, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        let bytes = UnsafeBufferPointer(start: candidate.utf8Start, count: candidate.utf8CodeUnitCount)
        for index in 0..<name.count where bytes[index] != name[index] { return false }
        return true
    }
}
