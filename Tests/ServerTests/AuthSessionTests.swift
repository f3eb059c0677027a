import Engine
import TestSupport
import Testing

/// `init` with a `refresh-token` (protocol-session §3.5, §5.1): a known token binds the
/// session to its user; an unknown one is the error that signs the client out.
@Suite(.timeLimit(.minutes(1)))
struct AuthSessionTests {
    @Test func initWithAGoodTokenBindsTheUser() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let signIn = try await auth.signIn("sam@example.com")
        let user = try #require(signIn.json?["user"])
        let client = try await SessionClient.connect(server)
        let reply = try await client.initialize(server.appID, extra: [("refresh-token", user["refresh_token"]!)])
        #expect(reply["auth"]?["user"]?["id"] == user["id"])
        #expect(reply["auth"]?["user"]?["email"] == "sam@example.com")
        #expect(reply["auth"]?["user"]?["refresh_token"] == nil)
        #expect(reply["auth"]?["admin?"] == false)
        // The session acts as that user: it may not write system columns an admin may.
        let denied = try await client.request([
            "op": "transact", "client-event-id": SessionClient.eventID(),
            "tx-steps": [["add-triple", user["id"]!, "96653230-13ff-ffff-a4b5-3cbc9fffffff", "guest"]],
        ])
        #expect(denied["op"] == "error")
        #expect(denied["type"] == "validation-failed")
        await client.close()
        await server.stop()
    }

    @Test(arguments: [EntityID.random().uuidString, "not-a-uuid"])
    func initWithAnUnknownTokenIsTheForcedLogout(token: String) async throws {
        let server = try await TestServer.start()
        let client = try await SessionClient.connect(server)
        let eventID = SessionClient.eventID()
        let reply = try await client.request([
            "op": "init", "client-event-id": eventID, "app-id": JSONValue(server.appID),
            "refresh-token": .string(token),
        ])
        #expect(reply["op"] == "error")
        #expect(reply["status"] == 400)
        #expect(reply["type"] == "record-not-found")
        #expect(reply["message"] == "Record not found: app-user")
        #expect(reply["hint"]?["record-type"] == "app-user")
        #expect(reply["client-event-id"] == eventID)
        #expect(reply["original-event"]?["op"] == "init")
        // The socket stays open; an anonymous init then works (what the client does next).
        let anonymous = try await client.initialize(server.appID)
        #expect(anonymous["auth"]?["user"] == .null)
        await client.close()
        await server.stop()
    }

    /// A wrong `__admin-token` is refused as over HTTP, not quietly made a user session
    /// (upstream's session `init`).
    @Test(arguments: [EntityID.random().uuidString, "not-a-uuid"])
    func initWithAWrongAdminTokenIsRefused(token: String) async throws {
        let server = try await TestServer.start()
        let client = try await SessionClient.connect(server)
        let eventID = SessionClient.eventID()
        let reply = try await client.request([
            "op": "init", "client-event-id": eventID, "app-id": JSONValue(server.appID),
            "__admin-token": .string(token),
        ])
        #expect(reply["op"] == "error")
        #expect(reply["status"] == 400)
        #expect(reply["type"] == "record-not-found")
        #expect(reply["message"] == "Record not found: app-admin-token")
        #expect(reply["hint"]?["record-type"] == "app-admin-token")
        #expect(reply["hint"]?["args"]?.arrayValue?.first?["app-id"] == JSONValue(server.appID))
        #expect(reply["client-event-id"] == eventID)
        // The right token still makes an admin session on the same socket.
        let admin = try await client.initialize(server.appID, extra: [("__admin-token", JSONValue(server.adminToken))])
        #expect(admin["auth"]?["admin?"] == true)
        await client.close()
        await server.stop()
    }

    @Test func signedOutTokenNoLongerBindsASession() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let guest = try await auth.signInGuest()
        let token = try #require(guest["refresh_token"])
        _ = try await auth.post("/runtime/signout", ["app_id": auth.appID, "refresh_token": token])
        let client = try await SessionClient.connect(server)
        let reply = try await client.request([
            "op": "init", "client-event-id": SessionClient.eventID(), "app-id": JSONValue(server.appID),
            "refresh-token": token,
        ])
        #expect(reply["hint"]?["record-type"] == "app-user")
        await client.close()
        await server.stop()
    }

    @Test func signInsRefreshLiveQueriesOfUsers() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let admin = try await SessionClient.connect(server)
        try await admin.initialize(server.appID, extra: [("__admin-token", JSONValue(server.adminToken))])
        let added = try await admin.addQuery(["$users": [:]])
        #expect(added["op"] == "add-query-ok")
        let guest = try await auth.signInGuest()
        let refresh = try await admin.receive()
        #expect(refresh["op"] == "refresh-ok")
        let result = refresh["computations"]?.arrayValue?.first?["instaql-result"]?.jsonString ?? ""
        #expect(result.contains(try #require(guest["id"]?.stringValue)))
        await admin.close()
        await server.stop()
    }
}
