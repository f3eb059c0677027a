import Engine
import TestSupport
import Testing

/// Every auth endpoint against wrong-typed and odd parameters: each answer is a 200 or
/// an upstream error envelope with status 400, never a 500, and the server keeps serving.
@Suite(.timeLimit(.minutes(2)))
struct AuthRobustnessTests {
    /// Endpoints with the body keys (or query keys for `/admin/users`) they read.
    static let endpoints: [(method: String, path: String, admin: Bool, keys: [String])] = [
        ("POST", "/admin/magic_code", true, ["email"]),
        ("POST", "/admin/send_magic_code", true, ["email"]),
        ("POST", "/admin/verify_magic_code", true, ["email", "code", "refresh-token", "extra-fields"]),
        ("POST", "/admin/refresh_tokens", true, ["email", "id", "extra-fields"]),
        ("POST", "/admin/sign_out", true, ["id", "email", "refresh_token"]),
        ("POST", "/admin/sign_in_guest", true, ["extra-fields"]),
        ("GET", "/admin/users", true, ["email", "id", "refresh_token"]),
        ("DELETE", "/admin/users", true, ["email", "id", "refresh_token"]),
        ("POST", "/runtime/auth/send_magic_code", false, ["app-id", "email"]),
        (
            "POST", "/runtime/auth/verify_magic_code", false,
            ["app-id", "email", "code", "refresh-token", "extra-fields"]
        ),
        ("POST", "/runtime/auth/verify_refresh_token", false, ["app-id", "refresh-token"]),
        ("POST", "/runtime/auth/sign_in_guest", false, ["app-id", "extra-fields"]),
        ("POST", "/runtime/signout", false, ["app_id", "refresh_token"]),
        ("POST", "/runtime/oauth/token", false, ["app_id", "code", "code_verifier", "refresh_token", "extra_fields"]),
        (
            "POST", "/runtime/oauth/id_token", false,
            ["app_id", "id_token", "client_name", "nonce", "refresh_token", "extra_fields"]
        ),
    ]

    /// Values each key is tried with.
    static let oddValues: [JSONValue] = [
        .null, true, false, 0, 1.5, -1, "", " ", "x", "not-an-email", "a@b.co", [], [:], [1, 2], ["a": 1],
        ["id": "x"], JSONValue(EntityID.random()), .string(String(repeating: "z", count: 10_000)), "\u{0}",
        "00000000-0000-0000-0000-000000000000",
    ]

    /// Plausible values, so one odd key at a time gets past the others.
    func plausible(_ key: String, appID: EntityID) -> JSONValue {
        switch key {
        case "app-id", "app_id": JSONValue(appID)
        case "email": "odd@example.com"
        case "code": "123456"
        case "client_name": "google"
        case "id_token": "e30.e30."
        case "extra-fields", "extra_fields": [:]
        default: JSONValue(EntityID.random())
        }
    }

    @Test func oddParametersNeverCrashAnEndpoint() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        var failures: [String] = []
        for endpoint in Self.endpoints {
            let headers = endpoint.admin ? auth.admin : [:]
            var bodies: [JSONValue] = [.null, 1, "text", [], [:]]
            for key in endpoint.keys {
                for value in Self.oddValues {
                    var body = JSONObject()
                    for other in endpoint.keys { body[other] = plausible(other, appID: server.appID) }
                    body[key] = value
                    bodies.append(.object(body))
                }
            }
            for body in bodies {
                let reply: HTTPTestClient.Response
                if endpoint.method == "POST" {
                    reply = try await auth.http.request("POST", endpoint.path, headers: headers, json: body)
                } else {
                    let query = (body.objectValue?.entries ?? []).compactMap { key, value -> String? in
                        guard let text = value.stringValue else { return nil }
                        return "\(key)=\(text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
                    }
                    reply = try await auth.http.request(
                        endpoint.method, "\(endpoint.path)?\(query.joined(separator: "&"))", headers: headers)
                }
                let typed = reply.json?["type"]?.stringValue != nil && reply.json?["message"]?.stringValue != nil
                let oauthError = reply.json?["type"] == "oauth-error"
                if !(reply.status == 200 || (reply.status == 400 && (typed || oauthError))) {
                    failures.append(
                        "\(endpoint.method) \(endpoint.path) \(body.jsonString.prefix(200)) → \(reply.status)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
        #expect(try await auth.http.request("GET", "/health").json == ["status": "ok"])
        await server.stop()
    }
}
