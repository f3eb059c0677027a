import Engine

/// Runtime auth for the core client (protocol-http §9.1–§9.5): no admin token, the app id
/// in the body.
extension Router {
    /// Serves `/runtime/auth/*`, `/runtime/signout` and `/runtime/oauth/*`; nil for other
    /// `/runtime` paths.
    func runtimeAuth(_ request: APIRequest) async throws(InstantError) -> APIResponse? {
        let s = request.segments
        switch (request.method, s.count) {
        case ("POST", 3) where s[1] == "auth":
            switch s[2] {
            case "send_magic_code": return try await runtimeSendMagicCode(request)
            case "verify_magic_code": return try await runtimeVerifyMagicCode(request)
            case "verify_refresh_token": return try await runtimeVerifyRefreshToken(request)
            case "sign_in_guest": return try await runtimeSignInGuest(request)
            default: return nil
            }
        case ("POST", 2) where s[1] == "signout":
            let body = try RequestParameters.body(of: request)
            let app = try runtimeApp(try body.required("app_id", RequestParameters.uuid))
            let token = try body.required("refresh_token", RequestParameters.uuid)
            try await commitSystemSteps(app: app) { state in state.planRevoke(refreshToken: token) }
            return APIResponse(body: .object(JSONObject()))
        default:
            return try await oauth(request)
        }
    }

    /// §9.1: issues a code; the answer never contains it (console and `/dev/magic_codes`).
    private func runtimeSendMagicCode(_ request: APIRequest) async throws(InstantError) -> APIResponse {
        let body = try RequestParameters.body(of: request)
        let email = try body.required("email", RequestParameters.email)
        let app = try runtimeApp(try body.required("app-id", RequestParameters.uuid))
        try rateLimits.admitSend(app: app.id, email: email, now: clock())
        _ = try await issueMagicCode(app: app, email: email)
        return APIResponse(body: ["sent": true])
    }

    /// §9.2: verifies the code; a guest's `refresh-token` upgrades or links the guest.
    private func runtimeVerifyMagicCode(_ request: APIRequest) async throws(InstantError) -> APIResponse {
        let body = try RequestParameters.body(of: request)
        let email = try body.required("email", RequestParameters.email)
        let code = try body.required("code", RequestParameters.trimmed)
        let app = try runtimeApp(try body.required("app-id", RequestParameters.uuid))
        return try await magicCodeSignIn(app: app, email: email, code: code, body: body, checksSignUp: true)
    }

    /// §9.3: the user owning a refresh token, with the token echoed.
    private func runtimeVerifyRefreshToken(_ request: APIRequest) async throws(InstantError) -> APIResponse {
        let body = try RequestParameters.body(of: request)
        let token = try body.required("refresh-token", RequestParameters.uuid)
        let app = try runtimeApp(try body.required("app-id", RequestParameters.uuid))
        guard let user = try await storage.read(app: app.id, { $0.user(refreshToken: token) }) else {
            throw InstantError.recordNotFound("app-user")
        }
        return APIResponse(body: ["user": user.record(appID: app.id, refreshToken: token)])
    }

    /// §9.4: a new guest, answered without `created`.
    private func runtimeSignInGuest(_ request: APIRequest) async throws(InstantError) -> APIResponse {
        let body = try RequestParameters.body(of: request)
        let app = try runtimeApp(try body.required("app-id", RequestParameters.uuid))
        let extraFields = body.values["extra-fields"]
        let token = EntityID.random()
        let signIn = try await commitSignIn(app: app, checksSignUp: true) { state throws(InstantError) in
            try state.planGuestSignIn(extraFields: extraFields, token: token)
        }
        return APIResponse(body: Self.signInAnswer(app: app, signIn, created: false))
    }
}
