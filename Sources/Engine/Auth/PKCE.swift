/// Proof Key for Code Exchange (RFC 7636 §4.6) as upstream's `verify-pkce!`: a code
/// started with a challenge can only be exchanged with the matching verifier.
public enum PKCE {
    /// Checks `verifier` against the challenge recorded at `/runtime/oauth/start`.
    public static func verify(challenge: String?, method: String?, verifier: String?) throws(InstantError) {
        let input: JSONValue = ["code_verifier": verifier.map { .string($0) } ?? .null]
        func failure(_ message: String) -> InstantError {
            .validationFailed("app-oauth-code", message, input: input)
        }
        switch (challenge, verifier) {
        case (nil, nil):
            return
        case (nil, .some):
            throw failure("The code_verifier was provided, but no code_challenge was provided.")
        case (.some, nil):
            throw failure("The code_challenge was provided, but no code_verifier was provided.")
        case (.some(let challenge), .some(let verifier)):
            switch method {
            case "plain":
                guard challenge == verifier else { throw failure("The code_challenge and code_verifier do not match.") }
            case "S256":
                let expected = base64URL(SHA256.hash(Array(verifier.utf8)))
                let given = challenge.replacingOccurrences(of: "=", with: "")
                guard given == expected else { throw failure("The code_challenge and code_verifier do not match.") }
            default:
                throw failure("Unknown code challenge method.")
            }
        }
    }

    /// Unpadded base64url (RFC 4648 §5), the challenge encoding of RFC 7636 §4.2.
    public static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value: UInt32 = 0
            for (offset, byte) in chunk.enumerated() { value |= UInt32(byte) << UInt32(16 - 8 * offset) }
            for position in 0..<(chunk.count + 1) {
                out.append(alphabet[Int((value >> UInt32(18 - 6 * position)) & 0x3F)])
            }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
