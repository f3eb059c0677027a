import Engine

/// The dry-run permission checks (protocol-http §4.3–§4.4, permissions §4).
extension Router {
    /// `POST /admin/query_perms_check`: the filtered tree and one report per rule run.
    func queryPermsCheck(_ request: APIRequest) async throws(InstantError) -> APIResponse {
        let (app, viewer, body) = try await permsCheckRequest(request)
        guard let query = body["query"], case .object = query else {
            throw InstantError(
                .paramMissing, "Missing parameter: [\"body\" \"query\"]", hint: ["in": ["body", "query"]])
        }
        let inference = body["inference?"]?.boolValue ?? false
        let options = QueryOptions(isAdmin: false, inference: inference, viewer: viewer, recordsChecks: true)
        let answer = try await storage.read(app: app.id) { state throws(InstantError) -> JSONValue in
            let result = try InstaQL.run(query: query, on: state, options: options)
            return [
                "result": result.adminTree(inference: inference), "check-results": .array(result.checkResults),
                "rule-wheres": .null,
            ]
        }
        return APIResponse(body: answer)
    }

    /// `POST /admin/transact_perms_check`: every check reported; rolled back unless
    /// `dangerously-commit-tx` and every check passed.
    func transactPermsCheck(_ request: APIRequest) async throws(InstantError) -> APIResponse {
        let (app, viewer, body) = try await permsCheckRequest(request)
        guard let rawSteps = body["steps"], case .array = rawSteps else {
            throw InstantError(
                .paramMissing, "Missing parameter: [\"body\" \"steps\"]", hint: ["in": ["body", "steps"]])
        }
        let strict = body["throw-on-missing-attrs?"]?.boolValue ?? false
        let build = { @Sendable (state: AppState) throws(InstantError) -> [TxStep] in
            try AdminSteps.expand(rawSteps, catalog: state.catalog, throwOnMissingAttrs: strict)
        }
        let database = try await storage.database(app: app.id)
        let dry = try database.dryRun(
            context: TransactionContext(isAdmin: false, viewer: viewer, recordsChecks: true), build: build)
        let allOK = dry.checkResults.allSatisfy { $0["check-pass?"]?.boolValue == true }
        var txID = dry.txID
        var committed = false
        if allOK, body["dangerously-commit-tx"]?.boolValue == true {
            let report = try await storage.transact(
                app: app.id, context: TransactionContext(isAdmin: false, viewer: viewer), build: build)
            txID = report.txID
            committed = true
        }
        return APIResponse(body: [
            "tx-id": .int(txID), "all-checks-ok?": .bool(allOK), "committed?": .bool(committed),
            "check-results": .array(dry.checkResults),
        ])
    }

    /// Both endpoints need the app's admin token and an impersonation header (§4.3);
    /// `rules-override`, `ip-override` and `origin-override` shape the viewer.
    private func permsCheckRequest(_ request: APIRequest) async throws(InstantError) -> (AppRecord, RuleViewer, JSONValue) {
        let (app, identity) = try await authorize(request)
        // Unlike the data routes, `as-guest` and `as-token` do not waive the admin token here.
        try AdminAuth.checkAdminToken(request, app: app, appID: app.id)
        guard var viewer = RuleViewer(identity, showsDetails: true) else {
            throw InstantError(
                .validationFailed, "Validation failed for non-admin: Cannot test perms as admin",
                hint: [
                    "data-type": "non-admin", "input": "non-admin",
                    "errors": [["message": "Cannot test perms as admin"]],
                ])
        }
        let body = try request.jsonBody()
        if let override = body["rules-override"], !override.isNull {
            viewer.rulesOverride = RuleSet(document: try RuleSet.validate(override))
        }
        viewer.ip = body["ip-override"]?.stringValue ?? ""
        viewer.origin = body["origin-override"]?.stringValue ?? request.headers["origin"] ?? ""
        return (app, viewer, body)
    }
}
