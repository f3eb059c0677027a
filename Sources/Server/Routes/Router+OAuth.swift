import Engine

/// OAuth with instant-local's own provider (protocol-http §9.6): the start page asks for
/// an email, the callback redirects back to the app with `code` and
/// `_instant_oauth_redirect=true`, and the token endpoint exchanges the code as upstream.
extension Router {
    /// Serves `/runtime/oauth/*`, `/runtime/<app>/oauth/*` and the OpenID configuration.
    func oauth(_ request: APIRequest) async throws(InstantError) -> APIResponse? {
        let s = request.segments.map(String.init)
        switch (request.method, s.count) {
        case ("GET", 3) where s[1] == "oauth" && s[2] == "start":
            return try await oauthStart(request, appID: nil)
        case ("GET", 4) where s[2] == "oauth" && s[3] == "start":
            return try await oauthStart(request, appID: s[1])
        case ("GET", 3) where s[1] == "oauth" && s[2] == "callback":
            return await oauthCallback(request)
        case ("POST", 3) where s[1] == "oauth" && s[2] == "token":
            return try await oauthToken(request, appID: nil)
        case ("POST", 4) where s[2] == "oauth" && s[3] == "token":
            return try await oauthToken(request, appID: s[1])
        case ("POST", 3) where s[1] == "oauth" && s[2] == "id_token":
            return try await oauthIDToken(request)
        case ("GET", 4) where s[2] == ".well-known" && s[3] == "openid-configuration":
            guard let appID = EntityID(s[1]) else {
                throw RequestParameters(part: "params", values: [:]).malformed("app_id", .string(s[1]))
            }
            let origin = "http://\(request.headers["host"] ?? "127.0.0.1")"
            return APIResponse(body: [
                "authorization_endpoint": .string("\(origin)/runtime/\(appID)/oauth/start"),
                "token_endpoint": .string("\(origin)/runtime/\(appID)/oauth/token"),
            ])
        default:
            return nil
        }
    }

    /// `GET /runtime/oauth/start`: records the pending sign-in and serves the page.
    private func oauthStart(_ request: APIRequest, appID pathAppID: String?) async throws(InstantError) -> APIResponse {
        var params = RequestParameters.query(of: request)
        if let pathAppID {
            var values = params.values
            values["app_id"] = .string(pathAppID)
            params = RequestParameters(part: "params", values: values)
        }
        let app = try runtimeApp(try params.required("app_id", RequestParameters.uuid))
        // `client_id` is accepted as an alias, as upstream does for OAuth libraries.
        let clientName: String
        if let name = try params.optional("client_name", RequestParameters.nonBlank) {
            clientName = name
        } else {
            clientName = try params.required("client_id", RequestParameters.nonBlank)
        }
        let redirectURI = try params.required("redirect_uri", RequestParameters.nonBlank)
        let appRedirect =
            params.values["state"]?.stringValue.map { OAuthPage.appending([("state", $0)], to: redirectURI) }
            ?? redirectURI
        let challenge = params.values["code_challenge"]?.stringValue
        let method = params.values["code_challenge_method"]?.stringValue
        let state = EntityID.random()
        _ = try await storage.transact(app: app.id, context: .system) { s in
            s.planOAuthRedirect(
                state: state, redirectURL: appRedirect, codeChallenge: challenge, codeChallengeMethod: method)
        }
        return try await oauthPage(app: app, clientName: clientName, state: "\(app.id)\(state)", problem: nil)
    }

    /// How many existing users the page offers, newest first.
    static let offeredUsers = 50

    /// The sign-in page of a pending flow.
    private func oauthPage(
        app: AppRecord, clientName: String, state: String, problem: String?
    ) async throws(InstantError) -> APIResponse {
        let users = try await storage.read(app: app.id) { state in
            Array(state.allUsers().filter { $0.email != nil }.suffix(Self.offeredUsers).reversed())
        }
        return APIResponse(
            page: .html(
                OAuthPage.html(
                    appTitle: app.title, clientName: clientName, state: state, users: users, problem: problem)))
    }

    /// `GET /runtime/oauth/callback?state=…&email=…` (or `&error=…`): consumes the pending
    /// sign-in and sends the browser back to the app with a one-time code.
    private func oauthCallback(_ request: APIRequest) async -> APIResponse {
        guard let stateText = request.query["state"] else {
            return Self.oauthError("Missing state param in OAuth redirect.")
        }
        guard stateText.utf8.count == 72, let appID = EntityID(String(stateText.prefix(36))),
            let state = EntityID(String(stateText.dropFirst(36))), let app = apps.app(appID)
        else { return Self.oauthError("Invalid state param in OAuth redirect.") }
        let now = clock()
        let found = try? await storage.read(app: app.id) { $0.oauthRedirect(state: state) }
        guard let pending = found ?? nil else { return Self.oauthError("Could not find OAuth request.") }
        if pending.issuedAt + AuthLifetimes.oauthRedirectMilliseconds < now {
            await deleteOAuthRedirect(app: app, state: state)
            return Self.oauthError("The request is expired.")
        }
        if let error = request.query["error"] {
            await deleteOAuthRedirect(app: app, state: state)
            let back = OAuthPage.appending(
                [("error", error), ("_instant_oauth_redirect", "true")], to: pending.redirectURL)
            return APIResponse(page: .redirect(to: back))
        }
        guard let email = request.query["email"].flatMap(EmailAddress.coerce) else {
            let problem = "Please enter a valid email address."
            return (try? await oauthPage(app: app, clientName: "local", state: stateText, problem: problem))
                ?? Self.oauthError(problem)
        }
        let code = EntityID.random()
        let userInfo: JSONValue = ["email": .string(email), "sub": .string(email)]
        let sink = PlanSink<AppState.OAuthRedirect>()
        do {
            _ = try await storage.transact(app: app.id, context: .system) { s throws(InstantError) in
                guard let redirect = s.oauthRedirect(state: state) else { throw .recordNotFound("oauth-redirect") }
                return s.planOAuthCode(code, userInfo: userInfo, redirect: sink.keep(redirect))
            }
        } catch {
            return Self.oauthError("Could not find OAuth request.")
        }
        let redirectURL = sink.kept?.redirectURL ?? pending.redirectURL
        let back = OAuthPage.appending(
            [("code", code.uuidString), ("_instant_oauth_redirect", "true")], to: redirectURL)
        return APIResponse(page: .redirect(to: back))
    }

    /// Drops a pending sign-in that ended without a code (cancelled or expired).
    private func deleteOAuthRedirect(app: AppRecord, state: EntityID) async {
        _ = try? await storage.transact(app: app.id, context: .system) { s in
            s.oauthRedirect(state: state).map { [.deleteEntity(.id($0.entity), etype: "$oauthRedirects")] } ?? []
        }
    }

    /// `POST /runtime/oauth/token`: exchanges a code for a signed-in user. Parameters may
    /// come in the JSON or form body or the query string (snake_case).
    private func oauthToken(_ request: APIRequest, appID pathAppID: String?) async throws(InstantError) -> APIResponse {
        let body = try RequestParameters.formOrOptionalBody(of: request)
        var merged = RequestParameters.query(of: request).values
        body.values.forEachEntry { key, value in merged[key] = value }
        if let pathAppID { merged["app_id"] = .string(pathAppID) }
        let params = RequestParameters(part: "body", values: merged)
        let app = try runtimeApp(try params.required("app_id", RequestParameters.uuid))
        let code = try params.required("code", RequestParameters.uuid)
        let verifier = params.raw("code_verifier")?.stringValue
        let guestToken = try params.optional("refresh_token", RequestParameters.uuid)
        let extraFields = body.values["extra_fields"]
        let token = EntityID.random()
        let now = clock()
        // The code is used up first, whether or not the exchange then succeeds.
        let consumed = PlanSink<AppState.OAuthCode>()
        _ = try await storage.transact(app: app.id, context: .system) { state throws(InstantError) in
            guard let found = state.oauthCode(code) else { throw .recordNotFound("app-oauth-code") }
            return state.planConsumeOAuthCode(consumed.keep(found))
        }
        guard let issued = consumed.kept else { throw .recordNotFound("app-oauth-code") }
        let email = try issued.check(verifier: verifier, now: now)
        let signIn = try await commitSignIn(app: app, checksSignUp: true) { state throws(InstantError) in
            try state.planEmailSignIn(
                email: email, guest: try state.guest(refreshToken: guestToken),
                imageURL: issued.userInfo?["imageURL"]?.stringValue, extraFields: extraFields, token: token)
        }
        var answer = Self.signInAnswer(app: app, signIn).objectValue ?? JSONObject()
        answer["refresh_token"] = JSONValue(signIn.plan.refreshToken)
        return APIResponse(body: .object(answer))
    }

    /// `POST /runtime/oauth/id_token` with a local unsigned token (`LocalIDToken`).
    private func oauthIDToken(_ request: APIRequest) async throws(InstantError) -> APIResponse {
        let body = try RequestParameters.body(of: request)
        let idToken = try body.required("id_token", RequestParameters.nonBlank)
        let app = try runtimeApp(try body.required("app_id", RequestParameters.uuid))
        let currentToken = try body.optional("refresh_token", RequestParameters.uuid)
        _ = try body.required("client_name", RequestParameters.nonBlank)
        let nonce = body.raw("nonce")?.stringValue
        let extraFields = body.values["extra_fields"]
        let claims: LocalIDToken
        do {
            claims = try LocalIDToken.parse(idToken, nonce: nonce, nowSeconds: clock() / 1000)
        } catch {
            return Self.oauthError(error.message)
        }
        let token = EntityID.random()
        let signIn = try await commitSignIn(app: app, checksSignUp: true) { state throws(InstantError) in
            try state.planEmailSignIn(
                email: claims.email, guest: try state.guest(refreshToken: currentToken), imageURL: claims.picture,
                extraFields: extraFields, token: token, currentToken: currentToken)
        }
        return APIResponse(body: Self.signInAnswer(app: app, signIn))
    }

    /// Upstream's OAuth-provider-style error: 400 `{"type": "oauth-error", "error": …}`
    /// (protocol-http §2.1).
    static func oauthError(_ message: String) -> APIResponse {
        APIResponse(status: 400, body: ["type": "oauth-error", "error": .string(message)])
    }
}
