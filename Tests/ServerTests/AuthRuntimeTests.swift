import Engine
import TestSupport
import Testing

/// Runtime auth over real HTTP (protocol-http §9.1–§9.5): magic codes, guests and their
/// upgrade, refresh tokens and sign-out, with upstream's error shapes for bad input.
@Suite(.timeLimit(.minutes(1)))
struct AuthRuntimeTests {
    @Test func magicCodeSignsInAndTheCodeWorksOnce() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let code = try await auth.sendCode(to: "alyssa@example.com")
        #expect(code.count == 6 && code.allSatisfy(\.isNumber))
        let first = try await auth.verify("  Alyssa@Example.com ", code: code)
        #expect(first.status == 200)
        let user = try #require(first.json?["user"])
        #expect(first.json?["created"] == true)
        #expect(user["email"] == "alyssa@example.com")
        #expect(user["type"] == "user")
        #expect(user["isGuest"] == false)
        #expect(user["app_id"] == auth.appID)
        #expect(user["created_at"]?.stringValue?.hasSuffix("Z") == true)
        let token = try #require(user["refresh_token"]?.stringValue)
        #expect(EntityID(token) != nil)

        let again = try await auth.verify("alyssa@example.com", code: code)
        #expect(again.status == 400)
        #expect(again.json?["type"] == "record-not-found")
        #expect(again.json?["message"] == "Record not found: app-user-magic-code")
        #expect(again.json?["hint"]?["record-type"] == "app-user-magic-code")

        // A second sign-in finds the same user.
        let second = try await auth.signIn("alyssa@example.com")
        #expect(second.json?["created"] == false)
        #expect(second.json?["user"]?["id"] == user["id"])
        #expect(second.json?["user"]?["refresh_token"] != user["refresh_token"])
        await server.stop()
    }

    @Test func wrongCodeAndCodeForAnotherEmailAreNotFound() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let code = try await auth.sendCode(to: "ben@example.com")
        let wrong = String(code.reversed()) == code ? "000000" : String(code.reversed())
        for (email, attempt) in [("ben@example.com", wrong), ("carla@example.com", code)] {
            let reply = try await auth.verify(email, code: attempt)
            #expect(reply.status == 400)
            #expect(reply.json?["hint"]?["record-type"] == "app-user-magic-code")
        }
        #expect(try await auth.verify("ben@example.com", code: code).status == 200)
        await server.stop()
    }

    @Test func sendMagicCodeNeverReturnsTheCode() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let reply = try await auth.post(
            "/runtime/auth/send_magic_code", ["app-id": auth.appID, "email": "dana@example.com"])
        #expect(reply.json == ["sent": true])
        let body = String(decoding: reply.body, as: UTF8.self)
        let code = try #require(server.server.magicCodes.entries(app: server.appID).last?.code)
        #expect(!body.contains(code))
        await server.stop()
    }

    @Test func refreshTokenVerifiesUntilSignOut() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let signIn = try await auth.signIn("eve@example.com")
        let token = try #require(signIn.json?["user"]?["refresh_token"]?.stringValue)
        let verified = try await auth.verifyToken(token)
        #expect(verified.status == 200)
        #expect(verified.json?["user"]?["email"] == "eve@example.com")
        #expect(verified.json?["user"]?["refresh_token"] == .string(token))

        let out = try await auth.post("/runtime/signout", ["app_id": auth.appID, "refresh_token": .string(token)])
        #expect(out.status == 200)
        #expect(out.json == [:])
        let after = try await auth.verifyToken(token)
        #expect(after.status == 400)
        #expect(after.json?["type"] == "record-not-found")
        #expect(after.json?["hint"]?["record-type"] == "app-user")
        // Signing out an unknown token is not an error.
        let unknown = try await auth.post(
            "/runtime/signout", ["app_id": auth.appID, "refresh_token": JSONValue(EntityID.random())])
        #expect(unknown.status == 200)
        await server.stop()
    }

    @Test func guestUpgradesInPlaceWhenTheEmailIsNew() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let guest = try await auth.signInGuest()
        #expect(guest["type"] == "guest")
        #expect(guest["isGuest"] == true)
        #expect(guest["email"] == nil)
        let guestToken = try #require(guest["refresh_token"]?.stringValue)
        let code = try await auth.sendCode(to: "fay@example.com")
        let upgraded = try await auth.verify("fay@example.com", code: code, guestToken: guestToken)
        #expect(upgraded.json?["created"] == true)
        #expect(upgraded.json?["user"]?["id"] == guest["id"])
        #expect(upgraded.json?["user"]?["type"] == "user")
        #expect(upgraded.json?["user"]?["isGuest"] == false)
        // The guest's own token now names the upgraded user.
        #expect(try await auth.verifyToken(guestToken).json?["user"]?["email"] == "fay@example.com")
        await server.stop()
    }

    @Test func guestIsLinkedWhenTheEmailExists() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let existing = try await auth.signIn("gus@example.com")
        let primary = try #require(existing.json?["user"]?["id"]?.stringValue)
        let guest = try await auth.signInGuest()
        let guestToken = try #require(guest["refresh_token"]?.stringValue)
        let signIn = try await auth.signIn("gus@example.com", guestToken: guestToken)
        #expect(signIn.json?["created"] == false)
        #expect(signIn.json?["user"]?["id"] == .string(primary))
        let guestID = try #require(guest["id"]?.stringValue)
        let linked = try await auth.adminUser("id=\(guestID)")
        #expect(linked?["linkedPrimaryUser"] == .string(primary))
        #expect(linked?["type"] == "guest")
        await server.stop()
    }

    @Test func unknownGuestTokenOnVerifyIsAppUserNotFound() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let code = try await auth.sendCode(to: "hal@example.com")
        let reply = try await auth.verify("hal@example.com", code: code, guestToken: EntityID.random().uuidString)
        #expect(reply.status == 400)
        #expect(reply.json?["hint"]?["record-type"] == "app-user")
        // The code was not consumed by the failed attempt.
        #expect(try await auth.verify("hal@example.com", code: code).status == 200)
        await server.stop()
    }

    /// One malformed runtime call and the error upstream gives it; `APP` stands for the app id.
    struct BadInput: Sendable, CustomTestStringConvertible {
        var path: String
        var body: JSONValue
        var type: String
        var place: JSONValue
        var testDescription: String { "\(path) \(body.jsonString)" }
    }

    static let badInputs: [BadInput] = [
        BadInput(
            path: "/runtime/auth/send_magic_code", body: ["app-id": "APP", "email": "not-an-email"],
            type: "param-malformed", place: ["body", "email"]),
        BadInput(
            path: "/runtime/auth/send_magic_code", body: ["email": "ida@example.com"], type: "param-missing",
            place: ["body", "app-id"]),
        BadInput(
            path: "/runtime/auth/verify_magic_code", body: ["app-id": "APP", "email": "ida@example.com"],
            type: "param-missing", place: ["body", "code"]),
        BadInput(
            path: "/runtime/auth/verify_refresh_token", body: ["app-id": "APP", "refresh-token": "nope"],
            type: "param-malformed", place: ["body", "refresh-token"]),
        BadInput(
            path: "/runtime/auth/sign_in_guest", body: ["app-id": "not-a-uuid"], type: "param-malformed",
            place: ["body", "app-id"]),
        BadInput(
            path: "/runtime/signout", body: ["app_id": "APP"], type: "param-missing", place: ["body", "refresh_token"]),
    ]

    @Test(arguments: badInputs)
    func badInputGetsUpstreamErrors(input: BadInput) async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let filled = JSONValue.object(
            JSONObject(input.body.objectValue!.entries.map { ($0.key, $0.value == "APP" ? auth.appID : $0.value) }))
        let reply = try await auth.post(input.path, filled)
        #expect(reply.status == 400)
        #expect(reply.json?["type"] == .string(input.type))
        #expect(reply.json?["hint"]?["in"] == input.place)
        #expect(reply.json?["trace-id"]?.stringValue != nil)
        await server.stop()
    }

    /// A server whose `$users` has an app-defined `nickname` attr, given by an admin write.
    func serverWithNicknames() async throws -> (TestServer, AuthClient) {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let setup = try await auth.post(
            "/admin/transact",
            ["steps": [["update", "$users", JSONValue(EntityID.random()), ["nickname": "seed"]]]], headers: auth.admin)
        #expect(setup.status == 200)
        return (server, auth)
    }

    @Test func runtimeSignUpWithExtraFieldsNeedsACreateRule() async throws {
        let (server, auth) = try await serverWithNicknames()
        let denied = try await auth.post(
            "/runtime/auth/sign_in_guest", ["app-id": auth.appID, "extra-fields": ["nickname": "al"]])
        #expect(denied.status == 400)
        #expect(denied.json?["type"] == "permission-denied")
        #expect(denied.json?["hint"]?["input"] == ["$users", "create"])
        let unknown = try await auth.post(
            "/runtime/auth/sign_in_guest", ["app-id": auth.appID, "extra-fields": ["bogus": 1]])
        #expect(unknown.json?["type"] == "validation-failed")
        #expect(
            unknown.json?["message"]
                == "Validation failed for extra-fields: Unknown field: bogus. It must be defined in your $users schema."
        )
        let code = try await auth.sendCode(to: "jo@example.com")
        var body: JSONObject = ["app-id": auth.appID, "email": "jo@example.com", "code": .string(code)]
        body["extra-fields"] = ["nickname": "jo"]
        #expect(
            try await auth.post("/runtime/auth/verify_magic_code", .object(body)).json?["type"] == "permission-denied")
        // The refused sign-up did not burn the code.
        #expect(try await auth.verify("jo@example.com", code: code).status == 200)
        // Admin flows skip the check.
        let admin = try await auth.post(
            "/admin/sign_in_guest", ["extra-fields": ["nickname": "al"]], headers: auth.admin)
        #expect(admin.json?["user"]?["nickname"] == "al")
        await server.stop()
    }

    @Test func runtimeSignUpRunsTheUsersCreateRule() async throws {
        let (server, auth) = try await serverWithNicknames()
        let rule = "data.email == null ? newData.nickname == 'guest' : auth.email.endsWith('@ok.com')"
        let pushed = try await auth.post(
            "/dash/apps/\(server.appID.uuidString)/rules", ["code": ["$users": ["allow": ["create": .string(rule)]]]],
            headers: ["authorization": "Bearer \(server.adminToken.uuidString)"])
        #expect(pushed.status == 200)
        // With a create rule, extra fields pass when the rule does.
        let guest = try await auth.post(
            "/runtime/auth/sign_in_guest", ["app-id": auth.appID, "extra-fields": ["nickname": "guest"]])
        #expect(guest.status == 200)
        #expect(guest.json?["user"]?["nickname"] == "guest")
        let refused = try await auth.post(
            "/runtime/auth/sign_in_guest", ["app-id": auth.appID, "extra-fields": ["nickname": "al"]])
        #expect(refused.json?["type"] == "permission-denied")
        #expect(refused.json?["hint"]?["input"] == ["$users", "create"])
        #expect(try await auth.signIn("jo@ok.com").status == 200)
        let other = try await auth.signIn("jo@no.com")
        #expect(other.json?["type"] == "permission-denied")
        // Only sign-ups are checked: an existing user signs in again after the rule closes.
        let closed = try await auth.post(
            "/dash/apps/\(server.appID.uuidString)/rules", ["code": ["$users": ["allow": ["create": "false"]]]],
            headers: ["authorization": "Bearer \(server.adminToken.uuidString)"])
        #expect(closed.status == 200)
        #expect(try await auth.signIn("jo@ok.com").status == 200)
        #expect(try await auth.post("/runtime/auth/sign_in_guest", ["app-id": auth.appID]).status == 400)
        // Admin flows skip the rule.
        let admin = try await auth.post(
            "/admin/sign_in_guest", ["extra-fields": ["nickname": "al"]], headers: auth.admin)
        #expect(admin.json?["user"]?["nickname"] == "al")
        await server.stop()
    }

    @Test func unknownAppIsRecordNotFound() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let reply = try await auth.post("/runtime/auth/sign_in_guest", ["app-id": JSONValue(EntityID.random())])
        #expect(reply.status == 400)
        #expect(reply.json?["hint"]?["record-type"] == "app")
        await server.stop()
    }
}
