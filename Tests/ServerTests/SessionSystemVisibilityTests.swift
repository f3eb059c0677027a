import Engine
import TestSupport
import Testing

/// Live queries apply the built-in view rules of the auth namespaces (permissions §2.3):
/// a signed-out socket sees no magic codes, refresh tokens or other users, even though
/// the rows exist and an admin sees them.
@Suite(.timeLimit(.minutes(1)))
struct SessionSystemVisibilityTests {
    @Test func aSignedOutSocketSeesNoAuthRows() async throws {
        let server = try await SessionSchema.startServer()
        let http = HTTPTestClient(port: server.endpoint.port)
        let admin = [
            "app-id": server.appID.uuidString, "authorization": "Bearer \(server.adminToken.uuidString)",
        ]
        let code = try await http.request(
            "POST", "/admin/magic_code", headers: admin, json: ["email": "alyssa@example.com"])
        #expect(code.status == 200)
        let token = try await http.request(
            "POST", "/admin/refresh_tokens", headers: admin, json: ["email": "ben@example.com"])
        #expect(token.status == 200)
        let all: JSONValue = ["$magicCodes": [:], "$userRefreshTokens": [:], "$users": [:]]
        let seenByAdmin = try await http.request("POST", "/admin/query", headers: admin, json: ["query": all])
        #expect(seenByAdmin.json?["$magicCodes"]?.arrayValue?.count == 1)
        #expect(seenByAdmin.json?["$userRefreshTokens"]?.arrayValue?.count == 1)
        #expect(seenByAdmin.json?["$users"]?.arrayValue?.count == 1)  // ben; a code creates no user

        let socket = try await SessionClient.connect(server)
        try await socket.initialize(server.appID)
        let added = try await socket.addQuery(all)
        #expect(added["op"] == "add-query-ok")
        #expect(SessionSchema.triples(added["result"]).isEmpty, "\(added)")
        await socket.close()
        await server.stop()
    }
}
