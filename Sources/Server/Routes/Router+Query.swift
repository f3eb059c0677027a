import Engine

/// `POST /admin/query` (protocol-http §4.1): InstaQL in, the server-built tree out.
extension Router {
    func adminQuery(_ request: APIRequest) async throws(InstantError) -> APIResponse {
        let (app, identity) = try await authorize(request)
        let body = try queryBodies.json(of: request)
        guard let query = body["query"] else {
            throw InstantError(.paramMissing, "Missing parameter: [\"body\" \"query\"]", hint: ["in": ["body", "query"]])
        }
        guard case .object = query else {
            throw InstantError(
                .paramMalformed, "Malformed parameter: [\"body\" \"query\"]",
                hint: ["in": ["body", "query"], "original-input": query])
        }
        let inference = body["inference?"]?.boolValue ?? false
        // Admin requests, impersonated or not, show CEL error details (permissions §8.3).
        // Topics are for live queries; this one answers once.
        let options = QueryOptions(
            isAdmin: identity.isAdmin, inference: inference, viewer: RuleViewer(identity, showsDetails: true),
            recordsTopics: false)
        // The body determines the query exactly, so it keys the compiled-query cache and,
        // for admins (no rules), the answer itself.
        let text = request.body
        let answers = queryAnswers
        let key = options.viewer == nil ? answers.key(app: app.id, body: text) : nil
        let tree = try await storage.read(app: app.id) { state throws(InstantError) in
            if let key, let kept = answers.answer(for: key, generation: state.generation) { return kept }
            let tree = try InstaQL.run(query: query, text: text, on: state, options: options)
                .adminTreeJSONBytes(inference: inference)
            if let key { answers.keep(tree, for: key, generation: state.generation) }
            return tree
        }
        return APIResponse(encodedBody: tree)
    }
}
