/// How secrets are stored: only their SHA-256, in upstream's hex form, so the rows in
/// `$userRefreshTokens`, `$magicCodes` and `$oauthCodes` never hold a usable secret.
public enum SecretHash {
    /// A UUID token (refresh token, OAuth code, OAuth state): the digest of its 16 bytes,
    /// as upstream's `uuid->sha256` (not of its text).
    public static func token(_ token: EntityID) -> String {
        SHA256.hexDigest(token.bytes)
    }

    /// A text secret (a magic code): the digest of its UTF-8 bytes (`str->sha256`).
    public static func text(_ text: String) -> String {
        SHA256.hexDigest(Array(text.utf8))
    }
}
