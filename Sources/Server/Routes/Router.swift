import Engine
import Foundation

/// Routes API requests to handlers (protocol-http). One instance serves every connection.
public struct Router: Sendable {
    public let apps: AppDirectory
    public let storage: any AppStorage
    /// The local platform token accepted on `/superadmin/*` (printed at start).
    public let platformToken: String
    /// The queue every realtime session runs on (server-architecture §5).
    public let sessions: SessionScheduler
    let clock: @Sendable () -> Int64
    /// Magic codes issued by this process, for the console and `/dev/magic_codes`.
    public let magicCodes = MagicCodeOutbox()
    /// Magic-code send and wrong-code limits per (app, email).
    let rateLimits = AuthRateLimits()
    /// Parsed admin query bodies, for clients that repeat a query.
    let queryBodies = JSONBodyCache()
    /// Admin query answers per app state generation, for clients that repeat a query.
    let queryAnswers = AdminQueryAnswers()

    public init(
        apps: AppDirectory, storage: any AppStorage, platformToken: String,
        sessions: SessionScheduler = SessionScheduler(),
        clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
    ) {
        self.apps = apps
        self.storage = storage
        self.platformToken = platformToken
        self.sessions = sessions
        self.clock = clock
    }

    /// Answers one request; never throws: every failure becomes an upstream error envelope.
    public func respond(to request: APIRequest) async -> APIResponse {
        do {
            return try await route(request)
        } catch {
            return APIResponse(error: error)
        }
    }

    private func route(_ request: APIRequest) async throws(InstantError) -> APIResponse {
        // The hot routes by exact path, before splitting the path into segments.
        switch (request.method, request.path) {
        case ("POST", "/admin/query"): return try await adminQuery(request)
        case ("GET", "/health"): return Self.health
        default: break
        }
        let s = request.segments
        switch (request.method, s.count, s.first) {
        case ("GET", 1, "health"):
            return Self.health
        case ("POST", 2, "admin") where s[1] == "query":
            return try await adminQuery(request)
        case ("POST", 2, "admin") where s[1] == "transact":
            return try await adminTransact(request)
        case ("POST", 2, "admin") where s[1] == "subscribe-query":
            return try await adminSubscribeQuery(request)
        case ("POST", 2, "admin") where s[1] == "query_perms_check":
            return try await queryPermsCheck(request)
        case ("POST", 2, "admin") where s[1] == "transact_perms_check":
            return try await transactPermsCheck(request)
        case ("POST", 3, "runtime") where s[1] == "framework" && s[2] == "query":
            return try await frameworkQuery(request)
        case ("GET", 2, "runtime") where s[1] == "session":
            return APIResponse(session: SessionHost(apps: apps, storage: storage, scheduler: sessions))
        case ("GET", 2, "runtime") where s[1] == "sse":
            return runtimeSSEOpen(request)
        case ("POST", 2, "runtime") where s[1] == "sse":
            return try runtimeSSEPost(request)
        case (_, 2, "admin") where Self.adminAuthRoutes.contains(String(s[1])):
            return try await adminAuth(request, route: String(s[1])) ?? .notFound
        case (_, _, "runtime"):
            return try await runtimeAuth(request) ?? .notFound
        case ("GET", 2, "dev") where s[1] == "magic_codes":
            return try devMagicCodes(request)
        case (_, _, "dash"), (_, _, "superadmin"):
            if let response = try await appRoutes(request) { return response }
            return .notFound
        default:
            return .notFound
        }
    }

    /// The app named by the request and the identity it acts as (protocol-http §3).
    func authorize(_ request: APIRequest) async throws(InstantError) -> (AppRecord, Identity) {
        let appID = try AdminAuth.appID(request)
        let app = apps.app(appID)
        let identity = try await AdminAuth.identity(request, app: app, appID: appID, storage: storage)
        guard let app else {
            throw InstantError(.recordNotFound, "Record not found: app", hint: ["record-type": "app"])
        }
        return (app, identity)
    }

    private func adminTransact(_ request: APIRequest) async throws(InstantError) -> APIResponse {
        let (app, identity) = try await authorize(request)
        let body = try request.jsonBody()
        guard let rawSteps = body["steps"] else {
            throw InstantError(.paramMissing, "Missing parameter: [\"body\" \"steps\"]", hint: ["in": ["body", "steps"]])
        }
        guard case .array = rawSteps else {
            throw InstantError(
                .paramMalformed, "Malformed parameter: [\"body\" \"steps\"]",
                hint: ["in": ["body", "steps"], "original-input": rawSteps])
        }
        let strict = body["throw-on-missing-attrs?"]?.boolValue ?? false
        let context = TransactionContext(identity: identity, showsDetails: true)
        let report = try await storage.transact(app: app.id, context: context) {
            state throws(InstantError) in
            try AdminSteps.expand(rawSteps, catalog: state.catalog, throwOnMissingAttrs: strict)
        }
        return APIResponse(body: ["tx-id": .int(report.txID)])
    }
}
