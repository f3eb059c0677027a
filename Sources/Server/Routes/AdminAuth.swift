import Engine

/// App id and admin token checks for `/admin/*` routes (protocol-http §3).
enum AdminAuth {
    /// The app id from the `app-id` header, else the `app_id` query parameter (§3.1).
    static func appID(_ request: APIRequest) throws(InstantError) -> EntityID {
        if let raw = request.headers["app-id"] ?? request.headers["app_id"] {
            guard let id = EntityID(trimmingSpaces(raw[...])) else {
                throw InstantError(
                    .paramMalformed, "Malformed parameter: [\"headers\" \"app-id\"]",
                    hint: ["in": ["headers", "app-id"], "original-input": .string(raw)])
            }
            return id
        }
        if let raw = request.query["app_id"] {
            guard let id = EntityID(raw) else {
                throw InstantError(
                    .paramMalformed, "Malformed parameter: [\"query-params\" \"app_id\"]",
                    hint: ["in": ["query-params", "app_id"], "original-input": .string(raw)])
            }
            return id
        }
        throw InstantError(
            .paramMissing, "Missing parameter: [\"headers\" \"app-id\"]",
            hint: ["in": ["headers", "app-id"], "possible-ins": [["query-params", "app_id"]]])
    }

    /// The bearer token: the text after the last `Bearer `, trimmed (§3.2). Nil when absent.
    static func bearer(_ request: APIRequest) -> String? {
        bearerToken(request).map(String.init)
    }

    /// `bearer(_:)` as a slice of the header value: the admin token is checked on every
    /// admin request, and copying it out (then parsing it twice) was a tenth of an admin
    /// query's route time. Byte-level rather than Foundation's `components(separatedBy:)`
    /// and `trimmingCharacters(in:)`, which bridge through `NSString`.
    static func bearerToken(_ request: APIRequest) -> Substring? {
        guard let raw = request.headers["authorization"] else { return nil }
        let offset =
            raw.utf8.withContiguousStorageIfAvailable { afterLastMarker(in: $0) }
            ?? Array(raw.utf8).withUnsafeBufferPointer { afterLastMarker(in: $0) }
        return trimmingSpaces(raw[raw.utf8.index(raw.startIndex, offsetBy: offset)...])
    }

    private static let bearerMarker: [UInt8] = Array("Bearer ".utf8)

    /// The offset just after the last `Bearer ` in `bytes` (matches may not overlap), or 0.
    private static func afterLastMarker(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let marker = bearerMarker
        var start = 0
        var index = 0
        while index + marker.count <= bytes.count {
            if bytes[index] == marker[0], bytes[index..<index + marker.count].elementsEqual(marker) {
                index += marker.count
                start = index
            } else {
                index += 1
            }
        }
        return start
    }

    /// `text` without leading and trailing spaces and tabs.
    static func trimmingSpaces(_ text: Substring) -> Substring {
        let utf8 = text.utf8
        let isSpace = { (b: UInt8) in b == 0x20 || b == 0x09 }
        // Usually nothing to trim (the parser already trimmed the header value).
        if let first = utf8.first, let last = utf8.last, !isSpace(first), !isSpace(last) { return text }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) })
        else { return "" }
        // Both ends border a space, a tab or an end, so they fall on scalar boundaries.
        return text[first..<utf8.index(after: last)]
    }

    /// Resolves who an admin request acts as (§3.2, §3.3), in upstream's order
    /// (`get-perms!`): `as-token` and `as-guest` need no admin token, `as-email` and plain
    /// admin access do. Users are looked up in the app's own `$users` rows.
    static func identity(
        _ request: APIRequest, app: AppRecord?, appID: EntityID, storage: any AppStorage
    ) async throws(InstantError) -> Identity {
        if let asToken = request.headers["as-token"] {
            guard let token = EntityID(trimmingSpaces(asToken[...])) else {
                throw InstantError(
                    .paramMalformed, "Malformed parameter: [\"asUser\" \"token\"]",
                    hint: ["in": ["asUser", "token"], "original-input": .string(asToken)])
            }
            guard let app, let user = try await storage.user(app: app.id, refreshToken: token) else {
                throw InstantError.recordNotFound("app-user")
            }
            return .user(user.id)
        }
        if let email = request.headers["as-email"] {
            try checkAdminToken(request, app: app, appID: appID)
            guard let app, let user = try await storage.user(app: app.id, email: email) else {
                throw InstantError.recordNotFound("app-user")
            }
            return .user(user.id)
        }
        if request.headers["as-guest"] != nil, app != nil { return .anonymous }
        try checkAdminToken(request, app: app, appID: appID)
        return .admin
    }

    /// Requires the app's admin token (§3.2); impersonation headers are not looked at
    /// (the admin-only routes of §3.4).
    static func checkAdminToken(_ request: APIRequest, app: AppRecord?, appID: EntityID) throws(InstantError) {
        guard let token = bearerToken(request), !token.isEmpty else {
            throw InstantError(
                .paramMissing, "Missing parameter: [\"headers\" \"authorization\"]",
                hint: ["in": ["headers", "authorization"]])
        }
        let id = EntityID(token)
        guard id != nil || ["pat_", "per_", "eyJ"].contains(where: { token.hasPrefix($0) }) else {
            throw InstantError(
                .paramMalformed, "Malformed parameter: [\"headers\" \"authorization\"]",
                hint: ["in": ["headers", "authorization"], "original-input": .string(String(token))])
        }
        guard let app, id == app.adminToken else { throw adminTokenNotFound(appID: appID) }
    }

    /// The answer to an admin token the app does not have, over HTTP (§3.2) and at a
    /// session's `init` alike.
    static func adminTokenNotFound(appID: EntityID) -> InstantError {
        InstantError(
            .recordNotFound, "Record not found: app-admin-token",
            hint: [
                "record-type": "app-admin-token",
                "message": "This admin token may be expired or invalid. Or you may have provided an incorrect app ID.",
                "args": [["app-id": JSONValue(appID)]],
            ])
    }
}
