import Engine

/// The routes answered without suspending, for the HTTP server's immediate handler: it runs
/// on the readiness loop thread as soon as a request arrives on an idle keep-alive
/// connection, with no task behind it (`HTTPServer.ImmediateHandler`).
///
/// Only answers that need no waiting and little work belong here: every socket on the loop
/// waits while one runs. Whatever cannot be answered so is left to `respond(to:)`, which
/// also reports every error.
extension Router {
    /// A route `respondImmediately` may answer.
    public enum ImmediateRoute: Sendable {
        /// `GET /health`: a constant answer, so the bridge may cache its encoding.
        case health
        /// `POST /admin/query` as the admin, when its answer for the app's current state is
        /// kept (`AdminQueryAnswers`): a lookup, never an evaluation.
        case adminQuery
    }

    /// `GET /health`'s answer, for readiness probes.
    public static let health = APIResponse(body: ["status": "ok"])

    /// The immediate route for a request with this method and path, if any; checked before
    /// the request is converted, so other requests pay nothing for the attempt.
    public static func immediateRoute(method: String, path: String) -> ImmediateRoute? {
        switch (method, path) {
        case ("GET", "/health"): .health
        case ("POST", "/admin/query"): .adminQuery
        default: nil
        }
    }

    /// The answer on `route`, or nil to leave the request to `respond(to:)`.
    public func respondImmediately(on route: ImmediateRoute, to request: APIRequest) -> APIResponse? {
        switch route {
        case .health:
            return Self.health
        case .adminQuery:
            return keptAdminAnswer(to: request).map { APIResponse(encodedBody: $0) }
        }
    }

    /// The kept answer to an admin query on an app in memory, checked exactly as the full
    /// route would (app id, admin token, no impersonation); nil whenever anything else
    /// applies, including every error, which the full route then reports.
    private func keptAdminAnswer(to request: APIRequest) -> [UInt8]? {
        let headers = request.headers
        guard headers["as-token"] == nil, headers["as-email"] == nil, headers["as-guest"] == nil,
            let appID = try? AdminAuth.appID(request), let app = apps.app(appID),
            (try? AdminAuth.checkAdminToken(request, app: app, appID: appID)) != nil,
            let key = queryAnswers.key(app: app.id, body: request.body)
        else { return nil }
        let answers = queryAnswers
        return storage.readIfLoaded(app: app.id) { state in answers.answer(for: key, generation: state.generation) }
            ?? nil
    }
}
