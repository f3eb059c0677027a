import Engine
import Foundation
import TestSupport
import Testing

/// Runtime and admin auth calls over real HTTP, as the core client and admin SDKs make
/// them (protocol-http §8–§9).
struct AuthClient {
    let server: TestServer
    var http: HTTPTestClient { HTTPTestClient(port: server.endpoint.port) }
    var appID: JSONValue { JSONValue(server.appID) }

    /// The admin headers of the default app.
    var admin: [String: String] {
        ["app-id": server.appID.uuidString, "authorization": "Bearer \(server.adminToken.uuidString)"]
    }

    /// `POST path` with a JSON body and no credentials.
    func post(_ path: String, _ body: JSONValue, headers: [String: String] = [:]) async throws
        -> HTTPTestClient.Response
    {
        try await http.request("POST", path, headers: headers, json: body)
    }

    /// Sends a magic code the runtime way and reads it back from `/dev/magic_codes`.
    func sendCode(to email: String) async throws -> String {
        let sent = try await post("/runtime/auth/send_magic_code", ["app-id": appID, "email": .string(email)])
        #expect(sent.status == 200)
        #expect(sent.json == ["sent": true])
        let query = "app_id=\(server.appID)&email=\(email.replacingOccurrences(of: "@", with: "%40"))"
        let codes = try await http.request("GET", "/dev/magic_codes?\(query)")
        let code = try #require(codes.json?["codes"]?.arrayValue?.last?["code"]?.stringValue)
        return code
    }

    /// Verifies a magic code the runtime way; returns the whole answer.
    func verify(_ email: String, code: String, guestToken: String? = nil) async throws -> HTTPTestClient.Response {
        var body: JSONObject = ["app-id": appID, "email": .string(email), "code": .string(code)]
        if let guestToken { body["refresh-token"] = .string(guestToken) }
        return try await post("/runtime/auth/verify_magic_code", .object(body))
    }

    /// Sends a magic code to `email` and verifies it: a sign-in by magic code, start to end.
    func signIn(_ email: String, guestToken: String? = nil) async throws -> HTTPTestClient.Response {
        try await verify(email, code: try await sendCode(to: email), guestToken: guestToken)
    }

    /// Signs in as a new guest; returns the user record.
    func signInGuest() async throws -> JSONValue {
        let reply = try await post("/runtime/auth/sign_in_guest", ["app-id": appID])
        #expect(reply.status == 200)
        return try #require(reply.json?["user"])
    }

    /// The user owning `token`, or the error answer.
    func verifyToken(_ token: String) async throws -> HTTPTestClient.Response {
        try await post("/runtime/auth/verify_refresh_token", ["app-id": appID, "refresh-token": .string(token)])
    }

    /// An admin `GET /admin/users?<query>`.
    func adminUser(_ query: String) async throws -> JSONValue? {
        try await http.request("GET", "/admin/users?\(query)", headers: admin).json?["user"]
    }
}
