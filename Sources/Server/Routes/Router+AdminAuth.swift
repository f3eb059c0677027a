import Engine

/// Admin auth and user management (protocol-http §8): admin token required,
/// impersonation headers ignored (§3.4).
extension Router {
    /// The `/admin/<name>` routes this file serves.
    static let adminAuthRoutes: Set<String> = [
        "magic_code", "send_magic_code", "verify_magic_code", "refresh_tokens", "sign_out", "users", "sign_in_guest",
    ]

    /// Serves one of `adminAuthRoutes`; nil when the method does not fit.
    func adminAuth(_ request: APIRequest, route: String) async throws(InstantError) -> APIResponse? {
        switch (request.method, route) {
        case ("POST", "magic_code"), ("POST", "send_magic_code"):
            let app = try adminApp(request)
            let email = try RequestParameters.body(of: request).required("email", RequestParameters.email)
            // Only the route that (upstream) sends mail is limited (§8.3).
            if route == "send_magic_code" { try rateLimits.admitSend(app: app.id, email: email, now: clock()) }
            return APIResponse(body: ["code": .string(try await issueMagicCode(app: app, email: email))])
        case ("POST", "verify_magic_code"):
            return try await adminVerifyMagicCode(request)
        case ("POST", "refresh_tokens"):
            return try await adminRefreshToken(request)
        case ("POST", "sign_out"):
            return try await adminSignOut(request)
        case ("POST", "sign_in_guest"):
            let app = try adminApp(request)
            let extraFields = try RequestParameters.optionalBody(of: request).values["extra-fields"]
            let token = EntityID.random()
            let signIn = try await commitSignIn(app: app) { state throws(InstantError) in
                try state.planGuestSignIn(extraFields: extraFields, token: token)
            }
            return APIResponse(body: Self.signInAnswer(app: app, signIn, created: false))
        case ("GET", "users"):
            let (app, user) = try await adminFindUser(request)
            return APIResponse(body: ["user": user?.record(appID: app.id) ?? .null])
        case ("DELETE", "users"):
            let (app, user) = try await adminFindUser(request)
            guard let user else { return APIResponse(body: ["deleted": .null]) }
            try await commitSystemSteps(app: app) { state in
                state.user(id: user.id) == nil ? [] : state.planDeleteUser(user.id)
            }
            return APIResponse(body: ["deleted": user.record(appID: app.id)])
        default:
            return nil
        }
    }

    /// The app of an admin-only route, with its token checked (§3.2).
    func adminApp(_ request: APIRequest) throws(InstantError) -> AppRecord {
        let appID = try AdminAuth.appID(request)
        let app = apps.app(appID)
        try AdminAuth.checkAdminToken(request, app: app, appID: appID)
        guard let app else { throw InstantError.recordNotFound("app") }
        return app
    }

    /// `POST /admin/verify_magic_code` (§8.4): the `$users` create rule is not evaluated.
    private func adminVerifyMagicCode(_ request: APIRequest) async throws(InstantError) -> APIResponse {
        let app = try adminApp(request)
        let body = try RequestParameters.body(of: request)
        let email = try body.required("email", RequestParameters.email)
        let code = try body.required("code", RequestParameters.trimmed)
        return try await magicCodeSignIn(app: app, email: email, code: code, body: body, checksSignUp: false)
    }

    /// `POST /admin/refresh_tokens` (§8.5): finds or creates the user by email or id.
    private func adminRefreshToken(_ request: APIRequest) async throws(InstantError) -> APIResponse {
        let app = try adminApp(request)
        let body = try RequestParameters.body(of: request)
        let email = try body.optional("email", RequestParameters.email)
        let id = try body.optional("id", RequestParameters.uuid)
        guard email != nil || id != nil else {
            throw InstantError.validationFailed(
                "body", "Please provide an `email` or `id`", input: .object(body.values))
        }
        let extraFields = body.values["extra-fields"]
        let token = EntityID.random()
        let signIn = try await commitSignIn(app: app) { state throws(InstantError) in
            try state.planCreateToken(email: email, id: id, extraFields: extraFields, token: token)
        }
        return APIResponse(body: Self.signInAnswer(app: app, signIn))
    }

    /// `POST /admin/sign_out` (§8.6): by `id`, `email` or `refresh_token`, in that order.
    private func adminSignOut(_ request: APIRequest) async throws(InstantError) -> APIResponse {
        let app = try adminApp(request)
        let body = try RequestParameters.body(of: request)
        if body.raw("id") != nil {
            let id = try body.required("id", RequestParameters.uuid)
            try await commitSystemSteps(app: app) { state in state.planSignOut(user: id) }
        } else if body.raw("email") != nil {
            let email = try body.required("email", RequestParameters.email)
            guard let user = try await storage.read(app: app.id, { $0.user(email: email) }) else {
                throw InstantError.recordNotFound("app-user")
            }
            try await commitSystemSteps(app: app) { state in state.planSignOut(user: user.id) }
        } else if body.raw("refresh_token") != nil {
            let token = try body.required("refresh_token", RequestParameters.uuid)
            try await commitSystemSteps(app: app) { state in state.planRevoke(refreshToken: token) }
        } else {
            throw InstantError.validationFailed(
                "body", "Please provide an `id`, `email`, or `refresh_token`", input: .object(body.values))
        }
        return APIResponse(body: ["ok": true])
    }

    /// The user named by `?email=`, `?refresh_token=` or `?id=` (that precedence, §8.7).
    private func adminFindUser(_ request: APIRequest) async throws(InstantError) -> (AppRecord, AppUser?) {
        let app = try adminApp(request)
        let params = RequestParameters.query(of: request)
        if params.raw("email") != nil {
            let email = try params.required("email", RequestParameters.email)
            return (app, try await storage.read(app: app.id) { $0.user(email: email) })
        }
        if params.raw("refresh_token") != nil {
            let token = try params.required("refresh_token", RequestParameters.uuid)
            return (app, try await storage.read(app: app.id) { $0.user(refreshToken: token) })
        }
        if params.raw("id") != nil {
            let id = try params.required("id", RequestParameters.uuid)
            return (app, try await storage.read(app: app.id) { $0.user(id: id) })
        }
        var shown = params.values
        shown["app_id"] = nil
        throw InstantError.validationFailed(
            "params", "Please provide a user id, email, or refresh_token", input: .object(shown))
    }
}
