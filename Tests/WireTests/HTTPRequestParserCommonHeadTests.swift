import TestSupport
import Testing

@testable import Wire

/// The one-pass common-head parser against the general one it stands in for: whatever it
/// accepts, the general parser must accept as the same request with the same body framing.
struct HTTPRequestParserCommonHeadTests {
    /// Heads the mutations start from: what the SDKs, wrk and curl send, plus the unusual
    /// shapes each check of the common path exists for.
    static let seeds: [String] = [
        "GET /health HTTP/1.1\r\nHost: 127.0.0.1:18881\r\n\r\n",
        "POST /admin/query?app_id=7f3c&x=&&flag HTTP/1.1\r\nHost: localhost\r\nUser-Agent: node\r\n"
            + "Content-Type: application/json\r\nAuthorization: Bearer 6f1f3a0e-5b8e-4c8a-9d2e-7a4b1c3d5e6f\r\n"
            + "App-Id: 0b9c8d7e\r\nAccept-Encoding: gzip, deflate\r\nContent-Length: 42\r\n\r\n",
        "post /runtime/session HTTP/1.0\nhost: x\ncontent-length: 3\nexpect: 100-continue\n\n",
        "PUT /storage/upload HTTP/1.1\r\nTransfer-Encoding: chunked\r\napp_id: 1\r\n\r\n",
        "GET //admin///query?a=%20b+c#frag HTTP/1.1\r\nX-Empty:\r\nX-Spaces: \t a b \t\r\n\r\n",
        "OPTIONS * HTTP/1.1\r\nOrigin: http://app\r\n\r\n",
        "GET http://localhost:8888/admin/query?app_id=1 HTTP/1.1\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\nCONTENT-length: 02\r\n\r\n",
        "GET /a?b=c?d&e=f=g HTTP/1.1\r\nConnection: keep-alive, close\r\nAccept: */*\r\n\n",
        "DELETE /x/y/ HTTP/1.1\r\nX-Obs: caf\u{E9}\r\nContent-Length: 99999999999999999999\r\n\r\n",
    ]

    /// Bytes the mutations insert or substitute: every delimiter the parsers look at.
    static let interesting: [UInt8] = Array(" \t\r\n:%#/?+&=-_,;0aA~\u{7F}".utf8) + [0x01, 0x80, 0xC3, 0xFF]

    /// Runs mutated heads through both parsers, each round handing the common path the
    /// previous accepted head to reuse strings from, as a connection's parser does; half the
    /// rounds mutate the same seed again, so most fields repeat and some differ.
    @Test func acceptsOnlyWhatTheGeneralParserParsesTheSameWay() throws {
        var random = SeededGenerator(seed: 0x5EED_0006)
        var accepted = 0
        var declined = 0
        var recent = HTTPRecentHead()
        var seed = Self.seeds[0]
        for round in 0..<8_000 {
            if random.int(0..<2) == 0 { seed = random.pick(Self.seeds) }
            var bytes = Array(seed.utf8)
            for _ in 0..<(round % 4) { mutate(&bytes, &random) }
            guard let (common, general) = parseBothWays(bytes, recent: recent) else { continue }
            guard let (request, summary) = common else {
                declined += 1
                continue
            }
            accepted += 1
            recent = HTTPRecentHead(request)
            let text = String(decoding: bytes, as: UTF8.self).debugDescription
            guard case .success(let expected) = general else {
                Issue.record("common path accepted what the general path rejects (\(general)): \(text)")
                continue
            }
            #expect(request == expected, "\(text)")
            let limits = HTTPLimits(maxBodyBytes: 1_000)
            #expect(
                Result { () throws(HTTPRequestError) in try summary.framing(of: request.headers, limits: limits) }
                    == Result { () throws(HTTPRequestError) in
                        try BodyFraming(headers: expected.headers, limits: limits)
                    },
                "\(text)")
            if !summary.hasExpect { #expect(expected.headers["Expect"] == nil, "\(text)") }
        }
        // Both paths must really be exercised for the comparison to mean anything.
        #expect(accepted > 1_000)
        #expect(declined > 1_000)
    }

    @Test func takesTheCommonPathForWhatClientsSend() throws {
        for seed in Self.seeds.prefix(3) {
            let result = try #require(parseBothWays(Array(seed.utf8), recent: HTTPRecentHead()))
            #expect(result.common != nil, "\(seed.debugDescription)")
        }
    }

    /// One keep-alive parser reusing the previous head's strings gives the same requests as
    /// a fresh parser per request, whether the next head repeats, changes, adds or drops fields.
    @Test func reusingThePreviousHeadChangesNoRequest() throws {
        let heads = [
            "GET /a?x=1 HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer 0123456789abcdef0123\r\n\r\n",
            "GET /a?x=1 HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer 0123456789abcdef0124\r\n\r\n",
            "GET /a?x=2 HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer 0123456789abcdef0124\r\nX: 1\r\n\r\n",
            "GET /a?x=2 HTTP/1.1\r\nHost: h\r\n\r\n",
            "POST /a?x=2 HTTP/1.1\r\nhost: h\r\nContent-Length: 2\r\n\r\nok",
            "POST /a?x=2 HTTP/1.1\r\nhost: h\r\nContent-Length: 3\r\n\r\nyes",
            "GET /caf\u{E9} HTTP/1.1\r\nhost: h\r\n\r\n",
            "GET /a?x=2 HTTP/1.1\r\nhost: h\r\nX-Obs: \u{E9}\r\n\r\n",
            "GET /a?x=2 HTTP/1.1\r\nhost: h\r\n\r\n",
        ]
        let oneByOne = try heads.flatMap { head throws(HTTPRequestError) in requests(in: try parseRequests(head)) }
        let kept = try requests(in: parseRequests(heads.joined()))
        #expect(kept == oneByOne)
        #expect(kept.count == heads.count)
    }

    @Test func checksValueBytesEightAtATimeLikeOneAtATime() {
        var random = SeededGenerator(seed: 0x5EED_0007)
        let alphabet: [UInt8] = Array(0x20...0x7E) + [0x09, 0x00, 0x0D, 0x1F, 0x7F, 0x80, 0xFF]
        for _ in 0..<5_000 {
            let count = random.int(0..<40)
            var bytes = (0..<count).map { _ in UInt8(random.int(0x20..<0x7F)) }
            if count > 0, random.int(0..<2) == 0 { bytes[random.int(0..<count)] = random.pick(alphabet) }
            let expected = bytes.allSatisfy { $0 == 0x09 || (0x20..<0x7F).contains($0) }
            #expect(bytes.withUnsafeBufferPointer { HTTPSyntax.isVisibleASCIIOrWhitespace($0) } == expected)
        }
    }

    @Test(arguments: ["Host", "host", "Content-Length", "content-length", "App-Id", "app_id", "Accept-Language"])
    func sharesCommonFieldNamesSpelledExactly(name: String) {
        #expect(Array(name.utf8).withUnsafeBufferPointer { HTTPFieldNames.interned($0) } == name)
    }

    @Test(arguments: ["HOST", "Hosts", "Content-length", "X-Host", ""])
    func buildsOtherFieldNames(name: String) {
        #expect(Array(name.utf8).withUnsafeBufferPointer { HTTPFieldNames.interned($0) } == nil)
    }

    /// The head of `bytes` (up to its first blank line) through both parsers, or `nil` when
    /// the bytes hold no complete head.
    private func parseBothWays(
        _ bytes: [UInt8], recent: HTTPRecentHead
    ) -> (common: (HTTPRequest, HTTPRequestParser.HeadSummary)?, general: Result<HTTPRequest, HTTPRequestError>)? {
        var start = 0
        while start < bytes.count, bytes[start] == HTTPSyntax.lineFeed || bytes[start] == HTTPSyntax.carriageReturn {
            start += 1
        }
        var lineFeeds = 0
        guard
            let end = bytes.withUnsafeBufferPointer({
                HTTPRequestParser.findHeadEnd(in: $0, from: start, headStart: start, &lineFeeds)
            })
        else { return nil }
        let common = bytes.withUnsafeBufferPointer {
            HTTPRequestParser.parseCommonHead(
                UnsafeBufferPointer(rebasing: $0[start..<end]), fieldCount: lineFeeds, recent: recent)
        }
        let general = Result { () throws(HTTPRequestError) in try HTTPRequestParser.parseHead(bytes[start..<end]) }
        return (common, general)
    }

    /// One random edit: substitute, insert or delete a byte, or repeat a stretch.
    private func mutate(_ bytes: inout [UInt8], _ random: inout SeededGenerator) {
        guard !bytes.isEmpty else { return }
        let index = random.int(0..<bytes.count)
        switch random.int(0..<4) {
        case 0: bytes[index] = random.pick(Self.interesting)
        case 1: bytes.insert(random.pick(Self.interesting), at: index)
        case 2: bytes.remove(at: index)
        default:
            let end = min(bytes.count, index + random.int(1..<12))
            bytes.insert(contentsOf: bytes[index..<end], at: index)
        }
    }
}
