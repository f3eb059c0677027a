import Engine

/// App creation and the platform CRUD (protocol-http §12.2–§12.4).
extension Router {
    func appRoutes(_ request: APIRequest) async throws(InstantError) -> APIResponse? {
        if let response = try await rulesRoutes(request) { return response }
        let s = request.segments.map(String.init)
        switch (request.method, s) {
        case ("POST", ["dash", "apps", "ephemeral"]):
            let body = (try? request.jsonBody()) ?? [:]
            let rules = try Router.creationRules(body)
            let record = try createApp(id: .random(), title: body["title"]?.stringValue ?? "ephemeral", token: .random(), ephemeral: true)
            if let rules { try await storage.database(app: record.id).setRules(rules) }
            return APIResponse(body: ["app": record.json(includeToken: true), "expires_ms": .int(record.expiresAt)])
        case ("GET", let p) where p.count == 4 && p[0] == "dash" && p[1] == "apps" && p[2] == "ephemeral":
            guard let id = EntityID(p[3]), let record = apps.app(id) else { throw Router.appNotFound }
            return APIResponse(body: ["app": record.json(includeToken: false), "expires_ms": .int(record.expiresAt)])
        case ("POST", ["dash", "apps"]):
            try requireDeveloper(request)
            let body = try request.jsonBody()
            guard let id = body["id"]?.entityID else { throw Router.malformed("id", body["id"]) }
            guard let title = body["title"]?.stringValue, !title.allSatisfy(\.isWhitespace) else {
                throw Router.malformed("title", body["title"])
            }
            guard let token = body["admin_token"]?.entityID else { throw Router.malformed("admin_token", body["admin_token"]) }
            let rules = try Router.creationRules(body)
            let record = try createApp(id: id, title: title, token: token, ephemeral: false)
            if let rules { try await storage.database(app: record.id).setRules(rules) }
            return APIResponse(body: ["app": record.json(includeToken: true)])
        case ("POST", ["superadmin", "apps"]):
            try requireDeveloper(request)
            let body = (try? request.jsonBody()) ?? [:]
            let title = body["title"]?.stringValue ?? "app"
            let record = try createApp(id: .random(), title: title, token: .random(), ephemeral: false)
            var row = record.json(includeToken: true).objectValue ?? JSONObject()
            row["perms"] = .null
            return APIResponse(body: ["app": .object(row)])
        case ("GET", ["superadmin", "apps"]):
            try requireDeveloper(request)
            return APIResponse(body: ["apps": .array(apps.all.map { $0.json(includeToken: false) })])
        case ("GET", let p) where p.count == 3 && p[0] == "superadmin" && p[1] == "apps":
            try requireDeveloper(request)
            guard let id = EntityID(p[2]), let record = apps.app(id) else { throw Router.appNotFound }
            return APIResponse(body: ["app": record.json(includeToken: false)])
        case ("POST", let p) where p.count == 3 && p[0] == "superadmin" && p[1] == "apps":
            try requireDeveloper(request)
            let body = try request.jsonBody()
            guard let id = EntityID(p[2]) else { throw Router.appNotFound }
            guard let title = body["title"]?.stringValue else { throw Router.malformed("title", body["title"]) }
            guard let record = try wrap({ () throws(AppDirectory.Failure) in try apps.rename(id, title: title) }) else {
                throw Router.appNotFound
            }
            return APIResponse(body: ["app": record.json(includeToken: false)])
        case ("DELETE", let p) where p.count == 3 && p[0] == "superadmin" && p[1] == "apps":
            try requireDeveloper(request)
            guard let id = EntityID(p[2]),
                let record = try wrap({ () throws(AppDirectory.Failure) in try apps.remove(id) })
            else { throw Router.appNotFound }
            await storage.removeApp(id)
            return APIResponse(body: ["app": record.json(includeToken: false)])
        default:
            return nil
        }
    }

    private func createApp(id: EntityID, title: String, token: EntityID, ephemeral: Bool) throws(InstantError) -> AppRecord {
        let record = AppRecord(id: id, title: title, adminToken: token, createdAt: clock(), isEphemeral: ephemeral)
        let inserted = try wrap { () throws(AppDirectory.Failure) in try apps.insert(record) }
        guard inserted else {
            throw InstantError(.recordNotUnique, "Record not unique: app", hint: ["record-type": "app"])
        }
        return record
    }

    /// `/dash` and `/superadmin` routes that name no app: a local server has one implicit
    /// developer and accepts any non-empty bearer, the printed platform token included
    /// (protocol-http §12.1).
    private func requireDeveloper(_ request: APIRequest) throws(InstantError) {
        guard let token = AdminAuth.bearer(request), !token.isEmpty else {
            throw InstantError(
                .paramMissing, "Missing parameter: [\"headers\" \"authorization\"]",
                hint: ["in": ["headers", "authorization"]])
        }
    }

    private func wrap<T>(_ body: () throws(AppDirectory.Failure) -> T) throws(InstantError) -> T {
        do {
            return try body()
        } catch {
            throw InstantError(.sqlRaise, "Could not write the app list: \(error)")
        }
    }

    static let appNotFound = InstantError(.recordNotFound, "Record not found: app", hint: ["record-type": "app"])

    static func malformed(_ key: String, _ value: JSONValue?) -> InstantError {
        InstantError(
            .paramMalformed, "Malformed parameter: [\"body\" \"\(key)\"]",
            hint: ["in": ["body", .string(key)], "original-input": value ?? .null])
    }
}
