import Engine

/// `POST /admin/subscribe-query` (protocol-http §6): an admin live query over SSE.
extension Router {
    /// Checks everything that can fail before streaming (§6.2: those failures are ordinary
    /// JSON error responses), then answers with the event stream of one `AdminLiveQuery`.
    func adminSubscribeQuery(_ request: APIRequest) async throws(InstantError) -> APIResponse {
        let (app, identity) = try await authorize(request)
        let body = try request.jsonBody()
        guard let query = body["query"] else {
            throw InstantError(
                .paramMissing, "Missing parameter: [\"body\" \"query\"]", hint: ["in": ["body", "query"]])
        }
        guard case .object = query else {
            throw InstantError(
                .paramMalformed, "Malformed parameter: [\"body\" \"query\"]",
                hint: ["in": ["body", "query"], "original-input": query])
        }
        let live = AdminLiveQuery(
            database: try await storage.database(app: app.id), query: query, identity: identity,
            inference: body["inference?"]?.boolValue ?? false)
        return APIResponse(events: live.makeStream())
    }
}
