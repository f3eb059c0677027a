/// The system attrs the auth flows read and write (data-model §3.1), resolved once from
/// the system catalogue so the flows never spell an attr id.
public enum AuthAttrs {
    /// The system attr `etype.label`; the catalogue is fixed, so a miss is a programming error.
    static func id(_ etype: String, _ label: String) -> EntityID {
        guard let attr = SystemCatalog.attrs.first(where: { $0.etype == etype && $0.label == label }) else {
            preconditionFailure("no system attr \(etype).\(label)")
        }
        return attr.id
    }

    static let userID = id("$users", "id")
    static let userEmail = id("$users", "email")
    static let userType = id("$users", "type")
    static let userImageURL = id("$users", "imageURL")
    static let userLinkedPrimaryUser = id("$users", "linkedPrimaryUser")

    static let magicCodeID = id("$magicCodes", "id")
    static let magicCodeHash = id("$magicCodes", "codeHash")
    static let magicCodeEmail = id("$magicCodes", "email")

    static let refreshTokenID = id("$userRefreshTokens", "id")
    static let refreshTokenHash = id("$userRefreshTokens", "hashedToken")
    static let refreshTokenUser = id("$userRefreshTokens", "$user")

    static let oauthCodeID = id("$oauthCodes", "id")
    static let oauthCodeHash = id("$oauthCodes", "codeHash")
    static let oauthCodeChallenge = id("$oauthCodes", "codeChallenge")
    static let oauthCodeChallengeMethod = id("$oauthCodes", "codeChallengeMethod")
    static let oauthCodeUserInfo = id("$oauthCodes", "userInfo")

    static let oauthRedirectID = id("$oauthRedirects", "id")
    static let oauthRedirectStateHash = id("$oauthRedirects", "stateHash")
    static let oauthRedirectURL = id("$oauthRedirects", "redirectUrl")
    static let oauthRedirectChallenge = id("$oauthRedirects", "codeChallenge")
    static let oauthRedirectChallengeMethod = id("$oauthRedirects", "codeChallengeMethod")
}
