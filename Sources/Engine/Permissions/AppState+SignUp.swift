/// The signup check of runtime sign-ins (permissions §7).
extension AppState {
    /// Whether a runtime sign-up that creates the `$users` row `data` (`{id, email?,
    /// …extra fields}`) may go ahead. Only `$users.allow.create` is consulted (no
    /// `$default`, no built-in fallback): when present it runs with `data`, `newData` and
    /// `auth` all bound to `data`; when absent, a sign-up passes unless it brings extra
    /// fields. Denials are `Permission denied: not perms-pass?` for `["$users", "create"]`;
    /// a rule that cannot be evaluated fails as any other check does (§8.3).
    public func checkSignUp(_ data: JSONObject, now: Int64) throws(InstantError) {
        guard let code = RuleSet.code(rules.document["$users"]?["allow"]?["create"]) else {
            if data.keys.contains(where: { $0 != "id" && $0 != "email" }) { throw InstantError.signUpDenied() }
            return
        }
        let program = RuleProgram(
            etype: "$users", action: CELRuleAction.create.rawValue, code: code, compileAs: .create,
            binds: rules.binds(for: "$users"))
        let viewer = RuleViewer(user: nil)
        let bindings = RuleBindings(
            state: self, viewer: viewer, rules: rules, auth: data, data: data, etype: "$users", newData: data,
            linkedData: nil, ruleParams: JSONObject(), actions: nil, now: now)
        let value = try program.evaluate(in: bindings, showDetails: false).get()
        guard value.passesRule else { throw InstantError.signUpDenied() }
    }
}
