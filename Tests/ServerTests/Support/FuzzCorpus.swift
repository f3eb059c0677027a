import Engine
import TestSupport

/// Generates the robustness test's inputs (issue #6): garbage, mutated and truncated
/// requests, oversized heads, broken chunking, invalid JSON, wrong-typed body fields and bad
/// credentials, mixed with valid requests so the server also handles them between attacks.
///
/// Deterministic for a given seed; the server's answers may still depend on how concurrent
/// workers interleave.
struct FuzzCorpus {
    /// The app the generators aim at.
    let target: FuzzTarget
    /// The source of every choice.
    var random: SeededGenerator

    /// The generators, each with its weight out of the total.
    static let weights: [(Kind, Int)] = [
        (.valid, 6), (.garbage, 8), (.mutated, 18), (.truncated, 7), (.hugeHead, 2), (.badChunks, 9),
        (.invalidJSON, 9), (.wrongTypes, 24), (.badCredentials, 7), (.framing, 6), (.pipelined, 4),
        (.stall, 1),
    ]

    /// The kinds of input.
    enum Kind: String {
        case valid, garbage, mutated, truncated, hugeHead, badChunks, invalidJSON, wrongTypes
        case badCredentials, framing, pipelined, stall
    }

    /// The next input.
    mutating func makeCase() -> FuzzCase {
        var roll = random.int(0...(Self.weights.map(\.1).reduce(0, +) - 1))
        var kind = Kind.valid
        for (candidate, weight) in Self.weights {
            if roll < weight {
                kind = candidate
                break
            }
            roll -= weight
        }
        return makeCase(kind)
    }

    /// An input of one kind, split into random pieces.
    mutating func makeCase(_ kind: Kind) -> FuzzCase {
        let bytes: [UInt8]
        var halfClose = true
        switch kind {
        case .valid: bytes = validRequest()
        case .garbage: bytes = garbage()
        case .mutated: bytes = mutate(validRequest())
        case .truncated: bytes = truncate(validRequest())
        case .hugeHead: bytes = hugeHead()
        case .badChunks: bytes = badChunks()
        case .invalidJSON: bytes = invalidJSONRequest()
        case .wrongTypes: bytes = wrongTypesRequest()
        case .badCredentials: bytes = badCredentialsRequest()
        case .framing: bytes = framingRequest()
        case .pipelined:
            bytes = (0..<random.int(2...5)).flatMap { _ in
                random.chance(0.5)
                    ? validRequest()
                    : makeCase(random.pick([.wrongTypes, .invalidJSON, .badCredentials, .mutated])).bytes
            }
        case .stall:
            bytes = truncate(validRequest())
            halfClose = false
        }
        return FuzzCase(category: kind.rawValue, pieces: split(bytes), halfClose: halfClose)
    }

    /// `bytes` cut at up to four random places.
    mutating func split(_ bytes: [UInt8]) -> [[UInt8]] {
        guard bytes.count > 1 else { return [bytes] }
        let cuts = Set((0..<random.int(0...4)).map { _ in random.int(1...(bytes.count - 1)) }).sorted()
        var pieces: [[UInt8]] = []
        var start = 0
        for cut in cuts + [bytes.count] {
            pieces.append(Array(bytes[start..<cut]))
            start = cut
        }
        return pieces
    }

    // MARK: Requests

    /// Serializes a request; the body gets a `Content-Length` unless sent chunked.
    func request(
        _ method: String, _ target: String, headers: [(String, String)], body: [UInt8]? = nil,
        chunkSizes: [Int]? = nil
    ) -> [UInt8] {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        guard let body else { return Array((head + "\r\n").utf8) }
        guard let chunkSizes else {
            return Array((head + "Content-Length: \(body.count)\r\n\r\n").utf8) + body
        }
        var bytes = Array((head + "Transfer-Encoding: chunked\r\n\r\n").utf8)
        var rest = body[...]
        var sizes = chunkSizes[...]
        while !rest.isEmpty {
            let size = min(max(sizes.popFirst() ?? rest.count, 1), rest.count)
            bytes += Array((String(size, radix: 16) + "\r\n").utf8) + rest.prefix(size) + [13, 10]
            rest = rest.dropFirst(size)
        }
        return bytes + Array("0\r\n\r\n".utf8)
    }

    /// The headers of an authorized admin request, the app id in the header or the query.
    mutating func adminHeaders() -> [(String, String)] {
        var headers = [("authorization", "Bearer \(target.adminToken)"), ("content-type", "application/json")]
        if random.chance(0.7) { headers.append(("app-id", target.appID)) }
        return headers
    }

    /// `/admin/<endpoint>`, with `?app_id=` when the headers do not carry it.
    func adminPath(_ endpoint: String, headers: [(String, String)]) -> String {
        headers.contains { $0.0 == "app-id" } ? "/admin/\(endpoint)" : "/admin/\(endpoint)?app_id=\(target.appID)"
    }

    /// One request that should succeed (or fail only because of the data, like a duplicate id).
    mutating func validRequest() -> [UInt8] {
        let chunks: [Int]? = random.chance(0.2) ? (0..<4).map { _ in random.int(1...40) } : nil
        switch random.int(0...9) {
        case 0, 1:
            let headers = adminHeaders()
            return request(
                "POST", adminPath("query", headers: headers), headers: headers, body: validQueryBody().jsonBytes,
                chunkSizes: chunks)
        case 2, 3:
            let headers = adminHeaders()
            return request(
                "POST", adminPath("transact", headers: headers), headers: headers, body: validTransactBody().jsonBytes,
                chunkSizes: chunks)
        case 4:
            return request(
                "POST", "/dash/apps", headers: platformHeaders(), body: validDashAppsBody().jsonBytes,
                chunkSizes: chunks)
        case 5:
            return request(
                "POST", "/dash/apps/ephemeral", headers: [("content-type", "application/json")],
                body: validEphemeralBody().jsonBytes)
        case 6:
            return request(
                "GET", random.pick(["/health", "//health", "/health?x=1", "/dash/apps/ephemeral/\(target.appID)"]),
                headers: [])
        case 7:
            return request(
                "OPTIONS", random.pick(["/admin/query", "/anything", "*"]),
                headers: [
                    ("Origin", "http://localhost:3000"), ("Access-Control-Request-Method", "POST"),
                    ("Access-Control-Request-Headers", "content-type, app-id, authorization"),
                ])
        case 8:
            return request("GET", "/superadmin/apps", headers: platformHeaders())
        default:
            return request(
                random.pick(["GET", "POST", "PUT", "DELETE", "PATCH", "BREW"]),
                random.pick(["/", "/nope", "/admin", "/admin/query/x"]), headers: [],
                body: random.chance(0.5) ? Array("{}".utf8) : nil)
        }
    }

    /// A platform bearer and JSON content type, for `/dash` and `/superadmin`.
    func platformHeaders() -> [(String, String)] {
        [("authorization", "Bearer per_instantlocal"), ("content-type", "application/json")]
    }
}
