import Engine

/// `POST /runtime/framework/query` (protocol-http §9.7): one query for server-side
/// rendering, answered as socket nodes plus the whole attr list.
extension Router {
    func frameworkQuery(_ request: APIRequest) async throws(InstantError) -> APIResponse {
        let appID = try AdminAuth.appID(request)
        guard apps.app(appID) != nil else { throw Router.appNotFound }
        let body = try request.jsonBody()
        guard let query = body["query"], case .object = query else {
            throw InstantError(
                .paramMissing, "Missing parameter: [\"body\" \"query\"]", hint: ["in": ["body", "query"]])
        }
        let token = AdminAuth.bearer(request).flatMap { EntityID($0) }
        let answer = try await storage.read(app: appID) { state throws(InstantError) -> JSONValue in
            // An unknown or absent refresh token is not an error here: signed out (§9.7).
            let user = token.flatMap { state.user(refreshToken: $0)?.id }
            let options = QueryOptions(isAdmin: false, viewer: RuleViewer(user: user))
            let result = try InstaQL.run(query: query, on: state, options: options)
            return ["result": result.socketNodes, "attrs": .array(state.catalog.all.map(\.json))]
        }
        return APIResponse(body: answer)
    }
}
