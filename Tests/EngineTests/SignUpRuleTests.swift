import Testing

@testable import Engine

/// The signup check of runtime sign-ins (permissions §7): only `$users.allow.create`,
/// evaluated with `data` = `newData` = `auth` = the new row.
@Suite struct SignUpRuleTests {
    static let id = EntityID.random()

    static func state(_ rules: JSONValue) throws -> AppState {
        var state = AppState()
        state.installRules(RuleSet(document: try RuleSet.validate(rules)))
        return state
    }

    static func data(_ email: String, extra: JSONObject = JSONObject()) -> JSONObject {
        var data: JSONObject = ["id": JSONValue(id), "email": .string(email)]
        for (key, value) in extra.entries { data[key] = value }
        return data
    }

    @Test func withoutACreateRuleOnlyExtraFieldsAreRefused() throws {
        // `$default` and `$users.allow.$default` are not consulted.
        let state = try Self.state([
            "$default": ["allow": ["$default": "false"]], "$users": ["allow": ["view": "false"]],
        ])
        try state.checkSignUp(Self.data("a@b.c"), now: 0)
        #expect(throws: InstantError.signUpDenied()) {
            try state.checkSignUp(Self.data("a@b.c", extra: ["nickname": "al"]), now: 0)
        }
    }

    @Test func theCreateRuleSeesTheNewRowAsDataNewDataAndAuth() throws {
        let rule = "data.email.endsWith('@ok.com') && newData.nickname != 'root' && auth.id == data.id"
        let state = try Self.state(["$users": ["allow": ["create": .string(rule)]]])
        try state.checkSignUp(Self.data("x@ok.com", extra: ["nickname": "al"]), now: 0)
        try state.checkSignUp(Self.data("x@ok.com"), now: 0)
        #expect(throws: InstantError.signUpDenied()) { try state.checkSignUp(Self.data("x@no.com"), now: 0) }
        #expect(throws: InstantError.signUpDenied()) {
            try state.checkSignUp(Self.data("x@ok.com", extra: ["nickname": "root"]), now: 0)
        }
    }

    @Test func aRuleThatCannotBeEvaluatedFailsTheSignUp() throws {
        let state = try Self.state(["$users": ["allow": ["create": "data.nickname.size() > 2"]]])
        do {
            try state.checkSignUp(Self.data("x@ok.com"), now: 0)
            Issue.record("a null nickname cannot be sized")
        } catch {
            #expect(error.kind == .permissionEvaluationFailed)
        }
    }
}
