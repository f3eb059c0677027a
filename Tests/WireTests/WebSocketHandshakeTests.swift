import Testing

@testable import Wire

/// SHA-1, base64 and the opening handshake (RFC 6455 §4.2).
struct WebSocketHandshakeTests {
    /// FIPS 180-2 / RFC 3174 §7.3 test vectors.
    static let sha1Vectors: [(String, String)] = [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "a49b2446a02c645bf419f995b67091253a04a259"
        ),
        ("The quick brown fox jumps over the lazy dog", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"),
    ]

    @Test(arguments: sha1Vectors)
    func sha1MatchesTheStandardVectors(input: String, digest: String) {
        #expect(hex(SHA1.hash(Array(input.utf8))) == digest)
    }

    @Test func sha1OfAMillionAs() {
        let input = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(hex(SHA1.hash(input)) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    @Test func sha1AcrossBlockBoundaries() {
        // 55, 56 and 64 bytes straddle the padding rule (one or two final blocks).
        #expect(hex(SHA1.hash([UInt8](repeating: 0x61, count: 55))) == "c1c8bbdc22796e28c0e15163d20899b65621d65a")
        #expect(hex(SHA1.hash([UInt8](repeating: 0x61, count: 56))) == "c2db330f6083854c99d4b5bfb6e8f29f201be699")
        #expect(hex(SHA1.hash([UInt8](repeating: 0x61, count: 64))) == "0098ba824b5c16427bd7a1122a5a442a25ec644d")
    }

    /// RFC 4648 §10 test vectors.
    static let base64Vectors: [(String, String)] = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ]

    @Test(arguments: base64Vectors)
    func base64MatchesRFC4648(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test(arguments: ["Zg=", "Z===", "Zm9v!", "=Zm9", "Zg==Zg==", "Zm=v"])
    func base64RejectsNonCanonicalText(text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test func acceptValueMatchesTheRFCExample() {
        // RFC 6455 §1.3.
        #expect(WebSocketHandshake.acceptValue(forKey: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test func acceptsTheRealClientsHandshake() throws {
        // Headers exactly as the `ws` library sent them (jsclient/transcripts).
        let request = HTTPRequest.make(
            target: "/runtime/session?app_id=5c1e4f3a-2b7d-4e8f-9a01-3c5d7e9f1b2a",
            headers: [
                "sec-websocket-version": "13", "sec-websocket-key": "5Hiv3wBk99hCblYpZWqVPw==",
                "connection": "Upgrade", "upgrade": "websocket",
                "sec-websocket-extensions": "permessage-deflate; client_max_window_bits", "host": "127.0.0.1:18888",
            ])
        #expect(try WebSocketHandshake.validate(request) == "5Hiv3wBk99hCblYpZWqVPw==")
        let response = WebSocketHandshake.upgradeResponse(for: request) { _ in }
        #expect(response.status == .switchingProtocols)
        #expect(response.headers["Upgrade"] == "websocket")
        #expect(response.headers["Connection"] == "Upgrade")
        #expect(
            response.headers["Sec-WebSocket-Accept"]
                == WebSocketHandshake.acceptValue(forKey: "5Hiv3wBk99hCblYpZWqVPw=="))
        #expect(response.headers["Sec-WebSocket-Extensions"] == nil)
        guard case .upgrade = response.body else {
            Issue.record("expected an upgrade body")
            return
        }
    }

    static let good: HTTPHeaders = [
        "Upgrade": "websocket", "Connection": "keep-alive, Upgrade", "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    ]

    static func headers(removing name: String, setting value: String? = nil) -> HTTPHeaders {
        var headers = good
        headers[name] = value
        return headers
    }

    static let invalid: [(HTTPRequest, WebSocketHandshakeError)] = [
        (.make(method: .post, headers: good), .methodNotGet),
        (.make(version: .http10, headers: good), .httpVersionTooOld),
        (.make(headers: headers(removing: "Upgrade")), .missingUpgradeHeader),
        (.make(headers: headers(removing: "Upgrade", setting: "h2c")), .missingUpgradeHeader),
        (.make(headers: headers(removing: "Connection", setting: "keep-alive")), .missingConnectionUpgrade),
        (.make(headers: headers(removing: "Sec-WebSocket-Version")), .unsupportedVersion(nil)),
        (.make(headers: headers(removing: "Sec-WebSocket-Version", setting: "8")), .unsupportedVersion("8")),
        (.make(headers: headers(removing: "Sec-WebSocket-Key")), .missingKey),
        (.make(headers: headers(removing: "Sec-WebSocket-Key", setting: "c2hvcnQ=")), .malformedKey),
        (.make(headers: headers(removing: "Sec-WebSocket-Key", setting: "not base64 at all!!!!!!!")), .malformedKey),
    ]

    @Test(arguments: invalid)
    func rejectsInvalidUpgradeRequests(request: HTTPRequest, expected: WebSocketHandshakeError) throws {
        #expect(throws: expected) { try WebSocketHandshake.validate(request) }
        let response = WebSocketHandshake.upgradeResponse(for: request) { _ in }
        #expect(response.status == .badRequest)
        #expect(response.headers["Content-Type"] == HTTPResponse.jsonContentType)
        guard case .bytes(let body) = response.body else {
            Issue.record("expected a JSON body")
            return
        }
        #expect(String(decoding: body, as: UTF8.self).contains(expected.message))
    }

    @Test func versionMismatchAdvertisesVersion13() {
        let request = HTTPRequest.make(headers: Self.headers(removing: "Sec-WebSocket-Version", setting: "8"))
        let response = WebSocketHandshake.upgradeResponse(for: request) { _ in }
        #expect(response.headers["Sec-WebSocket-Version"] == "13")
    }

    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
