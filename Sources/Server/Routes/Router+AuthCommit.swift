import Engine

/// Committing the auth flows' writes: plans are built under the app's lock and committed
/// through the ordinary transaction path as `TransactionContext.system`.
extension Router {
    /// Commits the sign-in `build` works out and returns it with the user as committed.
    /// Runtime sign-ups (`checksSignUp`) are checked before anything is written, so a
    /// refused sign-up does not burn its code.
    func commitSignIn(
        app: AppRecord, checksSignUp: Bool = false,
        _ build: @escaping @Sendable (AppState) throws(InstantError) -> AuthPlan
    ) async throws(InstantError) -> (plan: AuthPlan, user: AppUser) {
        let sink = PlanSink<AuthPlan>()
        let now = clock()
        _ = try await storage.transact(app: app.id, context: .system) { state throws(InstantError) in
            let plan = try build(state)
            // The app's `$users` create rule (permissions §7), on the state the plan read.
            if checksSignUp, let data = plan.signUpData?.objectValue { try state.checkSignUp(data, now: now) }
            return sink.keep(plan).steps
        }
        guard let plan = sink.kept, let user = try await storage.read(app: app.id, { $0.user(id: plan.userID) })
        else { throw InstantError.recordNotFound("app-user") }
        return (plan, user)
    }

    /// Commits `build`'s steps, unless there are none (nothing to sign out, say).
    func commitSystemSteps(
        app: AppRecord, _ build: @escaping @Sendable (AppState) throws(InstantError) -> [TxStep]
    ) async throws(InstantError) {
        let pending = try await storage.read(app: app.id) { state throws(InstantError) in try build(state) }
        guard !pending.isEmpty else { return }
        _ = try await storage.transact(app: app.id, context: .system, build: build)
    }

    /// Runs a magic-code sign-in under the wrong-code limit: refused once too many wrong
    /// codes were tried for the email, a wrong code counts against it, and an expired
    /// code is deleted as it is reported (the sign-in's own transaction rolled back).
    func verifyingMagicCode<T>(
        app: AppRecord, email: String, code: String, now: Int64, _ signIn: () async throws(InstantError) -> T
    ) async throws(InstantError) -> T {
        try rateLimits.checkVerify(app: app.id, email: email, now: now)
        do {
            return try await signIn()
        } catch {
            if error.kind == .recordNotFound, error.hint["record-type"] == "app-user-magic-code" {
                rateLimits.record(.failedVerify, app: app.id, email: email, now: now)
            } else if error.kind == .recordExpired {
                try? await commitSystemSteps(app: app) { state in
                    state.planDeleteExpiredMagicCode(email: email, code: code, now: now)
                }
            }
            throw error
        }
    }

    /// Signs in with a magic code, the part the admin (§8.4) and runtime (§9.2) endpoints
    /// share once each has read its app, email and code in its own order: a guest's
    /// `refresh-token` upgrades or links the guest, `extra-fields` seed a new user.
    func magicCodeSignIn(
        app: AppRecord, email: String, code: String, body: RequestParameters, checksSignUp: Bool
    ) async throws(InstantError) -> APIResponse {
        let guestToken = try body.optional("refresh-token", RequestParameters.uuid)
        let extraFields = body.values["extra-fields"]
        let token = EntityID.random()
        let now = clock()
        let signIn = try await verifyingMagicCode(app: app, email: email, code: code, now: now) {
            () async throws(InstantError) in
            try await commitSignIn(app: app, checksSignUp: checksSignUp) { state throws(InstantError) in
                try state.planVerifyMagicCode(
                    email: email, code: code, guest: try state.guest(refreshToken: guestToken),
                    extraFields: extraFields, token: token, now: now)
            }
        }
        return APIResponse(body: Self.signInAnswer(app: app, signIn))
    }

    /// Issues a six-digit magic code for `email`: its hash goes into `$magicCodes`, the
    /// code itself to the outbox (console and `/dev/magic_codes`), never into the log.
    func issueMagicCode(app: AppRecord, email: String) async throws(InstantError) -> String {
        let code = String(1_000_000 + Int.random(in: 0..<1_000_000)).dropFirst()
        let text = String(code)
        let report = try await storage.transact(app: app.id, context: .system) { state in
            state.planMagicCode(text, email: email)
        }
        magicCodes.record(.init(appID: app.id, email: email, code: text, issuedAt: report.createdAt))
        return text
    }

    /// `{"user": {…, "refresh_token"}, "created": …}` (protocol-http §8.4).
    static func signInAnswer(app: AppRecord, _ signIn: (plan: AuthPlan, user: AppUser), created: Bool = true)
        -> JSONValue
    {
        var answer: JSONObject = ["user": signIn.user.record(appID: app.id, refreshToken: signIn.plan.refreshToken)]
        if created { answer["created"] = .bool(signIn.plan.created) }
        return .object(answer)
    }

    /// The app a runtime call names in its body, which must exist (`app-model/get-by-id!`).
    func runtimeApp(_ id: EntityID) throws(InstantError) -> AppRecord {
        guard let app = apps.app(id) else { throw InstantError.recordNotFound("app") }
        return app
    }
}
