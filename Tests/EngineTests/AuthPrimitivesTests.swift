import Testing

@testable import Engine

/// SHA-256, email coercion, timestamps and PKCE: the pieces the auth flows build on.
struct AuthPrimitivesTests {
    /// FIPS 180-4 examples and the empty message.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func sha256MatchesTheStandardVectors(message: String, digest: String) {
        #expect(SHA256.hexDigest(Array(message.utf8)) == digest)
    }

    @Test func sha256HandlesMessagesAcrossBlockBoundaries() {
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hexDigest(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // 55, 56 and 64 bytes straddle the padding boundary.
        #expect(SHA256.hash([UInt8](repeating: 0, count: 55)) != SHA256.hash([UInt8](repeating: 0, count: 56)))
        #expect(SHA256.hash([UInt8](repeating: 0, count: 64)).count == 32)
    }

    @Test func tokensHashTheirSixteenBytesNotTheirText() {
        let token = EntityID("0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9")!
        #expect(SecretHash.token(token) == SHA256.hexDigest(token.bytes))
        #expect(SecretHash.token(token) != SecretHash.text(token.uuidString))
        #expect(SecretHash.text("482913") == SHA256.hexDigest(Array("482913".utf8)))
    }

    @Test(arguments: [
        ("alyssa@example.com", "alyssa@example.com"),
        ("  Alyssa.P+Hacker@Example.CO.uk \n", "alyssa.p+hacker@example.co.uk"),
        ("o'neil@mail-1.example.org", "o'neil@mail-1.example.org"),
    ])
    func emailsAreTrimmedAndLowerCased(raw: String, coerced: String) {
        #expect(EmailAddress.coerce(raw) == coerced)
    }

    @Test(arguments: [
        "", "plain", "a@b", "@example.com", "a@.com", "a..b@example.com", "a@-x.com", "a@x-.com", "a b@example.com",
        "a@example..com", "a@b@example.com", ".a@example.com",
    ])
    func invalidEmailsAreRejected(raw: String) {
        #expect(EmailAddress.coerce(raw) == nil)
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (Int64(1_746_351_012_345), "2025-05-04T09:30:12Z"),
        (Int64(951_782_400_000), "2000-02-29T00:00:00Z"),
        (Int64(-1), "1969-12-31T23:59:59Z"),
    ])
    func createdAtIsWholeSecondsUTC(milliseconds: Int64, text: String) {
        #expect(TimestampText.wholeSecondsUTC(milliseconds: milliseconds) == text)
    }

    /// RFC 7636 appendix B.
    @Test func pkceS256MatchesTheRFCExample() throws {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        #expect(PKCE.base64URL(SHA256.hash(Array(verifier.utf8))) == challenge)
        try PKCE.verify(challenge: challenge, method: "S256", verifier: verifier)
        try PKCE.verify(challenge: nil, method: nil, verifier: nil)
        try PKCE.verify(challenge: "same", method: "plain", verifier: "same")
        #expect(throws: InstantError.self) { try PKCE.verify(challenge: challenge, method: "S256", verifier: "other") }
        #expect(throws: InstantError.self) { try PKCE.verify(challenge: challenge, method: "S256", verifier: nil) }
        #expect(throws: InstantError.self) { try PKCE.verify(challenge: nil, method: nil, verifier: verifier) }
        #expect(throws: InstantError.self) { try PKCE.verify(challenge: "x", method: "S512", verifier: "x") }
    }
}
