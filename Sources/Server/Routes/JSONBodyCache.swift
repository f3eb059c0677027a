import Engine
import Synchronization

/// Parsed JSON bodies by their exact bytes, for routes whose clients repeat the same body
/// (an admin query polled or run in a loop).
///
/// Why: parsing a small query body into ordered objects cost more than the rest of the
/// route; hashing and comparing its bytes costs a few hundred instructions. Only small
/// bodies are kept, at most `capacity` of them, so a stream of distinct bodies costs one
/// hash and one insertion each and holds little memory.
final class JSONBodyCache: Sendable {
    /// At most this many bodies are kept; beyond it an arbitrary one is dropped.
    static let capacity = 256
    /// Larger bodies are parsed every time (a big body's parse dwarfs the lookup anyway).
    static let largestBody = 4096

    private let entries = Mutex<[BodyBytes: JSONValue]>([:])

    /// The request's JSON body, as `APIRequest.jsonBody()` parses it.
    func json(of request: APIRequest) throws(InstantError) -> JSONValue {
        guard request.body.count <= Self.largestBody else { return try request.jsonBody() }
        let key = BodyBytes(bytes: request.body)
        if let hit = entries.withLock({ $0[key] }) { return hit }
        let parsed = try request.jsonBody()
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.remove(at: entries.startIndex) }
            entries[key] = parsed
        }
        return parsed
    }

    /// A body as a dictionary key, hashed once as one byte buffer rather than byte by byte.
    ///
    /// The hash is kept and compared before the bytes: a dictionary probes several entries
    /// per lookup, and comparing bodies that differ only near their end (`"goal 17"`,
    /// `"goal 18"`) at each probe cost about 5,000 instructions per miss.
    struct BodyBytes: Hashable, Sendable {
        let bytes: [UInt8]
        /// The bytes' hash, computed once.
        let digest: Int

        init(bytes: [UInt8]) {
            self.bytes = bytes
            var hasher = Hasher()
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
            digest = hasher.finalize()
        }

        static func == (lhs: BodyBytes, rhs: BodyBytes) -> Bool {
            lhs.digest == rhs.digest && lhs.bytes == rhs.bytes
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(digest)
        }
    }
}
