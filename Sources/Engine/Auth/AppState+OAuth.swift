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

    /// An issued OAuth code, between the callback and the token exchange.
    public struct OAuthCode: Sendable, Equatable {
        /// The `$oauthCodes` entity, deleted by the first exchange attempt.
        public var entity: EntityID
        public var issuedAt: Int64
        public var codeChallenge: String?
        public var codeChallengeMethod: String?
        /// The signed-in identity (`email`, optional `imageURL`).
        public var userInfo: JSONValue?

        /// Checks an exchange of this (already consumed) code: fresh, matching the PKCE
        /// verifier, naming an email, which it returns.
        public func check(verifier: String?, now: Int64) throws(InstantError) -> String {
            if issuedAt + AuthLifetimes.oauthCodeMilliseconds < now { throw .recordExpired("app-oauth-code") }
            try PKCE.verify(challenge: codeChallenge, method: codeChallengeMethod, verifier: verifier)
            guard let email = userInfo?["email"]?.stringValue else { throw .recordNotFound("app-oauth-code") }
            return email
        }
    }

    /// The code issued as `code`, if it was not consumed yet.
    public func oauthCode(_ code: EntityID) -> OAuthCode? {
        guard let row = entities(attr: AuthAttrs.oauthCodeHash, value: .string(SecretHash.token(code))).first,
            let issued = triples(of: row, attr: AuthAttrs.oauthCodeID).first
        else { return nil }
        return OAuthCode(
            entity: row, issuedAt: issued.createdAt,
            codeChallenge: value(of: row, AuthAttrs.oauthCodeChallenge)?.stringValue,
            codeChallengeMethod: value(of: row, AuthAttrs.oauthCodeChallengeMethod)?.stringValue,
            userInfo: value(of: row, AuthAttrs.oauthCodeUserInfo))
    }

    /// Consumes an OAuth code (`/runtime/oauth/token`). Committed on its own before the
    /// exchange is checked, as upstream does: a failed attempt (expired, wrong verifier,
    /// refused sign-up) still uses the code up, so it cannot be retried.
    public func planConsumeOAuthCode(_ code: OAuthCode) -> [TxStep] {
        [AuthSteps.delete(code.entity, "$oauthCodes")]
    }
}
