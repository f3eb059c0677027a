/// The local OAuth provider's rows (data-model §3): an `$oauthRedirects` row between the
/// start page and the callback, and an `$oauthCodes` row between the callback and the
/// token exchange. Both hold only hashes of their secrets.
extension AppState {
    /// A pending OAuth sign-in, between `/runtime/oauth/start` and the callback.
    public struct OAuthRedirect: Sendable, Equatable {
        /// The `$oauthRedirects` entity, deleted when the callback consumes it.
        public var entity: EntityID
        /// Where the browser goes back to (the app's `redirect_uri`, with its `state`).
        public var redirectURL: String
        public var codeChallenge: String?
        public var codeChallengeMethod: String?
        public var issuedAt: Int64
    }

    /// Records a pending sign-in under the hash of `state`.
    public func planOAuthRedirect(
        state: EntityID, redirectURL: String, codeChallenge: String?, codeChallengeMethod: String?
    ) -> [TxStep] {
        let row = EntityID.random()
        var steps = [
            AuthSteps.add(row, AuthAttrs.oauthRedirectID, JSONValue(row)),
            AuthSteps.add(row, AuthAttrs.oauthRedirectStateHash, .string(SecretHash.token(state))),
            AuthSteps.add(row, AuthAttrs.oauthRedirectURL, .string(redirectURL)),
        ]
        if let codeChallenge {
            steps.append(AuthSteps.add(row, AuthAttrs.oauthRedirectChallenge, .string(codeChallenge)))
        }
        if let codeChallengeMethod {
            steps.append(AuthSteps.add(row, AuthAttrs.oauthRedirectChallengeMethod, .string(codeChallengeMethod)))
        }
        return steps
    }

    /// The pending sign-in recorded for `state`.
    public func oauthRedirect(state: EntityID) -> OAuthRedirect? {
        guard
            let row = entities(attr: AuthAttrs.oauthRedirectStateHash, value: .string(SecretHash.token(state))).first,
            let url = value(of: row, AuthAttrs.oauthRedirectURL)?.stringValue,
            let issued = triples(of: row, attr: AuthAttrs.oauthRedirectID).first
        else { return nil }
        return OAuthRedirect(
            entity: row, redirectURL: url, codeChallenge: value(of: row, AuthAttrs.oauthRedirectChallenge)?.stringValue,
            codeChallengeMethod: value(of: row, AuthAttrs.oauthRedirectChallengeMethod)?.stringValue,
            issuedAt: issued.createdAt)
    }

    /// Consumes a pending sign-in and issues the code the app exchanges
    /// (`oauth-callback`): the code row carries the signed-in identity as `userInfo`.
    public func planOAuthCode(_ code: EntityID, userInfo: JSONValue, redirect: OAuthRedirect) -> [TxStep] {
        let row = EntityID.random()
        var steps = [
            AuthSteps.delete(redirect.entity, "$oauthRedirects"),
            AuthSteps.add(row, AuthAttrs.oauthCodeID, JSONValue(row)),
            AuthSteps.add(row, AuthAttrs.oauthCodeHash, .string(SecretHash.token(code))),
            AuthSteps.add(row, AuthAttrs.oauthCodeUserInfo, userInfo),
        ]
        if let challenge = redirect.codeChallenge {
            steps.append(AuthSteps.add(row, AuthAttrs.oauthCodeChallenge, .string(challenge)))
        }
        if let method = redirect.codeChallengeMethod {
            steps.append(AuthSteps.add(row, AuthAttrs.oauthCodeChallengeMethod, .string(method)))
        }
        return steps
    }

    /// Exchanges an OAuth code (`/runtime/oauth/token`): the code must exist, be fresh and
    /// match the PKCE verifier; it is consumed and its `userInfo` email signed in.
    public func planOAuthToken(
        code: EntityID, verifier: String?, guest: EntityID?, extraFields: JSONValue?, token: EntityID, now: Int64
    ) throws(InstantError) -> AuthPlan {
        guard let row = entities(attr: AuthAttrs.oauthCodeHash, value: .string(SecretHash.token(code))).first,
            let issued = triples(of: row, attr: AuthAttrs.oauthCodeID).first
        else { throw .recordNotFound("app-oauth-code") }
        if issued.createdAt + AuthLifetimes.oauthCodeMilliseconds < now { throw .recordExpired("app-oauth-code") }
        try PKCE.verify(
            challenge: value(of: row, AuthAttrs.oauthCodeChallenge)?.stringValue,
            method: value(of: row, AuthAttrs.oauthCodeChallengeMethod)?.stringValue, verifier: verifier)
        let info = value(of: row, AuthAttrs.oauthCodeUserInfo)
        guard let email = info?["email"]?.stringValue else { throw .recordNotFound("app-oauth-code") }
        return try planEmailSignIn(
            email: email, guest: guest, imageURL: info?["imageURL"]?.stringValue, extraFields: extraFields,
            token: token, extraSteps: [AuthSteps.delete(row, "$oauthCodes")])
    }
}
