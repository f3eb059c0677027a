import Engine
import Foundation
import TestSupport
import Testing

/// The local OAuth provider over real HTTP (protocol-http §9.6): the start page, the
/// callback's redirect back to the app, the code exchange, and `id_token` sign-in.
@Suite(.timeLimit(.minutes(1)))
struct AuthOAuthTests {
    /// The value of `name`'s query parameter in `url`.
    func queryValue(_ name: String, in url: String) -> String? {
        guard let query = url.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.first.map(String.init) == name {
                return parts.count > 1 ? String(parts[1]).removingPercentEncoding : ""
            }
        }
        return nil
    }

    /// The hidden `state` field of the start page.
    func stateField(_ html: String) throws -> String {
        let marker = "name=\"state\" value=\""
        let start = try #require(html.range(of: marker)).upperBound
        let end = try #require(html[start...].firstIndex(of: "\""))
        return String(html[start..<end])
    }

    /// GET start, submit the page's form with `email`, and return the redirect target.
    func signInThroughThePage(
        _ auth: AuthClient, email: String, redirect: String, challenge: String? = nil
    ) async throws -> String {
        var start = "/runtime/oauth/start?app_id=\(auth.server.appID)&client_name=google"
        start += "&redirect_uri=\(redirect.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&state=s1"
        if let challenge { start += "&code_challenge=\(challenge)&code_challenge_method=S256" }
        let page = try await auth.http.request("GET", start)
        #expect(page.status == 200)
        #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(html.contains("<form method=\"get\" action=\"/runtime/oauth/callback\">"))
        let state = try stateField(html)
        #expect(state.count == 72 && state.hasPrefix(auth.server.appID.uuidString))
        let encoded = email.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let callback = try await auth.http.request("GET", "/runtime/oauth/callback?state=\(state)&email=\(encoded)")
        #expect(callback.status == 302)
        return try #require(callback.headers["location"])
    }

    @Test func pageFlowRedirectsBackWithACodeThatSignsIn() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        let challenge = PKCE.base64URL(SHA256.hash(Array(verifier.utf8)))
        let location = try await signInThroughThePage(
            auth, email: "Olive@Example.com", redirect: "http://localhost:3000/app?tab=1", challenge: challenge)
        #expect(location.hasPrefix("http://localhost:3000/app?tab=1&"))
        #expect(queryValue("_instant_oauth_redirect", in: location) == "true")
        #expect(queryValue("state", in: location) == "s1")
        let code = try #require(queryValue("code", in: location))
        #expect(EntityID(code) != nil)

        let exchange = try await auth.post(
            "/runtime/oauth/token", ["app_id": auth.appID, "code": .string(code), "code_verifier": .string(verifier)])
        #expect(exchange.status == 200)
        #expect(exchange.json?["created"] == true)
        #expect(exchange.json?["user"]?["email"] == "olive@example.com")
        let token = try #require(exchange.json?["refresh_token"]?.stringValue)
        #expect(exchange.json?["user"]?["refresh_token"] == .string(token))
        #expect(try await auth.verifyToken(token).json?["user"]?["email"] == "olive@example.com")

        let reused = try await auth.post(
            "/runtime/oauth/token", ["app_id": auth.appID, "code": .string(code), "code_verifier": .string(verifier)])
        #expect(reused.status == 400)
        #expect(reused.json?["type"] == "record-not-found")
        #expect(reused.json?["hint"]?["record-type"] == "app-oauth-code")
        await server.stop()
    }

    /// A failed exchange still uses the code up, as upstream: it cannot be retried with a
    /// better guess at the verifier.
    @Test func aFailedExchangeConsumesTheCode() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        let challenge = PKCE.base64URL(SHA256.hash(Array(verifier.utf8)))
        let location = try await signInThroughThePage(
            auth, email: "wes@example.com", redirect: "http://localhost/cb", challenge: challenge)
        let code = try #require(queryValue("code", in: location))
        let wrongVerifier = try await auth.post(
            "/runtime/oauth/token", ["app_id": auth.appID, "code": .string(code), "code_verifier": "nope"])
        #expect(wrongVerifier.status == 400)
        #expect(wrongVerifier.json?["type"] == "validation-failed")
        let retried = try await auth.post(
            "/runtime/oauth/token", ["app_id": auth.appID, "code": .string(code), "code_verifier": .string(verifier)])
        #expect(retried.status == 400)
        #expect(retried.json?["type"] == "record-not-found")
        #expect(retried.json?["hint"]?["record-type"] == "app-oauth-code")
        await server.stop()
    }

    /// A refused sign-up (extra fields with no `create` rule) uses the code up too.
    @Test func aRefusedSignUpConsumesTheCode() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let location = try await signInThroughThePage(auth, email: "xia@example.com", redirect: "http://localhost/cb")
        let code = try #require(queryValue("code", in: location))
        let refused = try await auth.post(
            "/runtime/oauth/token",
            ["app_id": auth.appID, "code": .string(code), "extra_fields": ["nickname": "x"]])
        #expect(refused.status == 400)
        let retried = try await auth.post("/runtime/oauth/token", ["app_id": auth.appID, "code": .string(code)])
        #expect(retried.json?["hint"]?["record-type"] == "app-oauth-code")
        await server.stop()
    }

    /// OAuth libraries post the token request as a form (protocol-http §9.6).
    @Test func theTokenEndpointTakesAFormBody() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        let challenge = PKCE.base64URL(SHA256.hash(Array(verifier.utf8)))
        let location = try await signInThroughThePage(
            auth, email: "fay@example.com", redirect: "http://localhost/cb", challenge: challenge)
        let code = try #require(queryValue("code", in: location))
        let form = "app_id=\(server.appID)&code=\(code)&code_verifier=\(verifier)&grant_type=authorization_code"
        let raw =
            "POST /runtime/oauth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + "Content-Type: application/x-www-form-urlencoded; charset=UTF-8\r\n"
            + "Content-Length: \(form.utf8.count)\r\n\r\n\(form)"
        let reply = try #require(try await auth.http.sendAsync(Array(raw.utf8)))
        #expect(reply.status == 200)
        #expect(reply.json?["user"]?["email"] == "fay@example.com")
        #expect(reply.json?["refresh_token"]?.stringValue != nil)
        await server.stop()
    }

    @Test func pageOffersExistingUsersAndTheSameUserSignsInAgain() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let first = try await signInThroughThePage(auth, email: "pat@example.com", redirect: "http://localhost/cb")
        let firstExchange = try await auth.post(
            "/runtime/oauth/token",
            ["app_id": auth.appID, "code": .string(try #require(queryValue("code", in: first)))])
        let page = try await auth.http.request(
            "GET",
            "/runtime/oauth/start?app_id=\(server.appID)&client_id=google&redirect_uri=http%3A%2F%2Flocalhost%2Fcb")
        #expect(String(decoding: page.body, as: UTF8.self).contains("pat@example.com"))
        let second = try await signInThroughThePage(auth, email: "pat@example.com", redirect: "http://localhost/cb")
        let secondExchange = try await auth.post(
            "/runtime/oauth/token",
            ["app_id": auth.appID, "code": .string(try #require(queryValue("code", in: second)))])
        #expect(secondExchange.json?["created"] == false)
        #expect(secondExchange.json?["user"]?["id"] == firstExchange.json?["user"]?["id"])
        await server.stop()
    }

    @Test func badCallbacksAndCodesGetUpstreamErrors() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let missing = try await auth.http.request("GET", "/runtime/oauth/callback?email=a%40b.co")
        #expect(missing.status == 400)
        #expect(missing.json == ["type": "oauth-error", "error": "Missing state param in OAuth redirect."])
        let stale = "\(server.appID)\(EntityID.random())"
        let unknown = try await auth.http.request("GET", "/runtime/oauth/callback?state=\(stale)&email=a%40b.co")
        #expect(unknown.json?["error"] == "Could not find OAuth request.")
        let noStart = try await auth.http.request("GET", "/runtime/oauth/start?app_id=\(server.appID)&client_name=g")
        #expect(noStart.json?["type"] == "param-missing")
        let badCode = try await auth.post("/runtime/oauth/token", ["app_id": auth.appID, "code": "x"])
        #expect(badCode.json?["type"] == "param-malformed")
        let unknownCode = try await auth.post(
            "/runtime/oauth/token", ["app_id": auth.appID, "code": JSONValue(EntityID.random())])
        #expect(unknownCode.json?["hint"]?["record-type"] == "app-oauth-code")
        await server.stop()
    }

    @Test func cancelRedirectsBackWithAnError() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let page = try await auth.http.request(
            "GET", "/runtime/oauth/start?app_id=\(server.appID)&client_name=g&redirect_uri=http%3A%2F%2Flocalhost%2Fcb")
        let state = try stateField(String(decoding: page.body, as: UTF8.self))
        let cancel = try await auth.http.request("GET", "/runtime/oauth/callback?state=\(state)&error=cancelled")
        #expect(cancel.status == 302)
        let location = try #require(cancel.headers["location"])
        #expect(queryValue("error", in: location) == "cancelled")
        #expect(queryValue("_instant_oauth_redirect", in: location) == "true")
        await server.stop()
    }

    @Test func appPathStartAndDiscoveryWork() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let page = try await auth.http.request(
            "GET", "/runtime/\(server.appID)/oauth/start?client_id=g&redirect_uri=http%3A%2F%2Flocalhost%2Fcb")
        #expect(page.status == 200)
        let state = try stateField(String(decoding: page.body, as: UTF8.self))
        // A bad email shows the page again with a note; the pending sign-in survives it.
        let retry = try await auth.http.request("GET", "/runtime/oauth/callback?state=\(state)&email=nope")
        #expect(retry.status == 200)
        #expect(String(decoding: retry.body, as: UTF8.self).contains("Please enter a valid email address."))
        let done = try await auth.http.request("GET", "/runtime/oauth/callback?state=\(state)&email=zed%40example.com")
        #expect(done.status == 302)
        let location = try #require(done.headers["location"])
        let code = try #require(queryValue("code", in: location))
        let exchange = try await auth.post("/runtime/\(server.appID)/oauth/token?code=\(code)", [:])
        #expect(exchange.json?["user"]?["email"] == "zed@example.com")
        let discovery = try await auth.http.request("GET", "/runtime/\(server.appID)/.well-known/openid-configuration")
        #expect(
            discovery.json?["token_endpoint"]?.stringValue?.hasSuffix("/runtime/\(server.appID)/oauth/token") == true)
        #expect(
            discovery.json?["authorization_endpoint"]?.stringValue?.hasSuffix("/runtime/\(server.appID)/oauth/start")
                == true)
        await server.stop()
    }

    /// A local unsigned id token (README "id_token sign-in").
    func idToken(_ payload: JSONValue) -> String {
        func segment(_ value: JSONValue) -> String {
            Data(value.jsonBytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }
        return segment(["alg": "none", "typ": "JWT"]) + "." + segment(payload) + "."
    }

    @Test func idTokenSignsInAndKeepsTheCurrentToken() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let token = idToken(["email": "Quinn@Example.com", "sub": "q-1", "nonce": "n1", "picture": "https://x/q.png"])
        let body: JSONValue = [
            "app_id": auth.appID, "client_name": "google", "id_token": .string(token), "nonce": "n1",
        ]
        let first = try await auth.post("/runtime/oauth/id_token", body)
        #expect(first.status == 200)
        #expect(first.json?["created"] == true)
        #expect(first.json?["user"]?["email"] == "quinn@example.com")
        #expect(first.json?["user"]?["imageURL"] == "https://x/q.png")
        let refresh = try #require(first.json?["user"]?["refresh_token"])
        var again = body.objectValue!
        again["refresh_token"] = refresh
        let second = try await auth.post("/runtime/oauth/id_token", .object(again))
        #expect(second.json?["created"] == false)
        #expect(second.json?["user"]?["refresh_token"] == refresh)
        await server.stop()
    }

    /// A guest signing in with an id token for a new email is upgraded in place and keeps
    /// its token: that is still a created user.
    @Test func idTokenUpgradingAGuestIsCreated() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let guest = try await auth.signInGuest()
        let reply = try await auth.post(
            "/runtime/oauth/id_token",
            [
                "app_id": auth.appID, "client_name": "google", "refresh_token": try #require(guest["refresh_token"]),
                "id_token": .string(idToken(["email": "gil@example.com", "sub": "g-1"])),
            ])
        #expect(reply.status == 200)
        #expect(reply.json?["user"]?["id"] == guest["id"])
        #expect(reply.json?["user"]?["email"] == "gil@example.com")
        #expect(reply.json?["user"]?["refresh_token"] == guest["refresh_token"])
        #expect(reply.json?["created"] == true)
        await server.stop()
    }

    @Test(arguments: ["not-a-token", "e30.e30.", "eyJhbGciOiJSUzI1NiJ9.eyJlbWFpbCI6ImFAYi5jbyJ9.sig"])
    func malformedIDTokensAreOAuthErrors(token: String) async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let reply = try await auth.post(
            "/runtime/oauth/id_token", ["app_id": auth.appID, "client_name": "g", "id_token": .string(token)])
        #expect(reply.status == 400)
        #expect(reply.json?["type"] == "oauth-error")
        #expect(reply.json?["error"]?.stringValue?.hasPrefix("Invalid id_token") == true)
        await server.stop()
    }

    @Test func idTokenWithTheWrongNonceIsRefused() async throws {
        let server = try await TestServer.start()
        let auth = AuthClient(server: server)
        let reply = try await auth.post(
            "/runtime/oauth/id_token",
            [
                "app_id": auth.appID, "client_name": "g", "nonce": "expected",
                "id_token": .string(idToken(["email": "r@example.com", "nonce": "other"])),
            ])
        #expect(reply.json?["type"] == "oauth-error")
        await server.stop()
    }
}
