import Engine

/// Saving and reading an app's rules document (protocol-http §12.2, §12.3, §12.8).
extension Router {
    /// `GET /dash/apps/{id}/perms/pull`, `POST /dash/apps/{id}/rules`,
    /// `GET`/`POST /superadmin/apps/{id}/perms`; nil for other paths.
    func rulesRoutes(_ request: APIRequest) async throws(InstantError) -> APIResponse? {
        let s = request.segments.map(String.init)
        guard s.count == 4 || s.count == 5, s[1] == "apps", let appID = EntityID(s[2]) else { return nil }
        let tail = Array(s[3...])
        switch (request.method, s[0], tail) {
        case ("GET", "dash", ["perms", "pull"]), ("GET", "superadmin", ["perms"]):
            let rules = try await rulesDatabase(request, appID).rules
            return APIResponse(body: ["perms": rules.isSaved ? .object(rules.document) : .null])
        case ("POST", "dash", ["rules"]), ("POST", "superadmin", ["perms"]):
            let database = try await rulesDatabase(request, appID)
            let body = try request.jsonBody()
            let rules = try database.setRules(body["code"] ?? .null)
            return APIResponse(body: ["rules": Self.rulesRow(rules, appID: appID)])
        default:
            return nil
        }
    }

    /// `{"app_id", "code", "version"}` (§12.8).
    static func rulesRow(_ rules: RuleSet, appID: EntityID) -> JSONValue {
        ["app_id": JSONValue(appID), "code": .object(rules.document), "version": .int(Int64(rules.version))]
    }

    /// The app's database, for a developer token or the app's own admin token (§12.1).
    private func rulesDatabase(_ request: APIRequest, _ appID: EntityID) async throws(InstantError) -> AppDatabase {
        guard let token = AdminAuth.bearer(request), !token.isEmpty else {
            throw InstantError(
                .paramMissing, "Missing parameter: [\"headers\" \"authorization\"]",
                hint: ["in": ["headers", "authorization"]])
        }
        guard apps.app(appID) != nil else { throw Router.appNotFound }
        if let bearer = EntityID(token), let owner = apps.all.first(where: { $0.adminToken == bearer }),
            owner.id != appID
        {
            throw InstantError(
                .validationFailed,
                "This admin token does not belong to app \(appID). Admin tokens are bound to a single app. Use a personal access token to manage other apps.",
                hint: ["reason": "admin-token-mismatch"])
        }
        return try await storage.database(app: appID)
    }

    /// Saves the `rules: {code}` of an app-creation body, if any (§12.2, §12.3). The
    /// document is validated before the app is created, so a bad one creates nothing.
    static func creationRules(_ body: JSONValue) throws(InstantError) -> JSONValue? {
        guard let rules = body["rules"], !rules.isNull else { return nil }
        let code = rules["code"] ?? .null
        _ = try RuleSet.validate(code)
        return code
    }
}
