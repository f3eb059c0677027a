import Engine
import Foundation
import Synchronization
import Testing

@testable import Server

/// The magic-code flow's limits (protocol-http §8.3, §9.1) and the clean-up of expired
/// one-time rows, through the router with its clock moved by hand.
@Suite struct AuthRateLimitTests {
    /// Milliseconds added to the real time by a test's router clock.
    final class Skew: Sendable {
        private let milliseconds = Atomic<Int64>(0)
        var value: Int64 { milliseconds.load(ordering: .relaxed) }
        func set(_ value: Int64) { milliseconds.store(value, ordering: .relaxed) }
    }

    /// A router whose clock reads real time plus `skew`.
    func router(skew: Skew) throws -> Router {
        Router(
            apps: try AppDirectory(dataDirectory: nil), storage: AppRegistry(directory: nil), platformToken: "per_x",
            clock: { Int64(Date().timeIntervalSince1970 * 1000) + skew.value })
    }

    func post(_ router: Router, _ path: String, _ body: JSONValue, headers: [String: String] = [:]) async
        -> APIResponse
    {
        await router.respond(to: APIRequest(method: "POST", path: path, headers: headers, body: body.jsonBytes))
    }

    @Test func sendingCodesIsLimitedPerEmail() async throws {
        let skew = Skew()
        let router = try router(skew: skew)
        let app = try router.apps.defaultApp(now: 0)
        let appID = JSONValue(app.id)
        for _ in 0..<AuthRateLimits.sendsPerWindow {
            let sent = await post(router, "/runtime/auth/send_magic_code", ["app-id": appID, "email": "a@example.com"])
            #expect(sent.status == 200)
        }
        let limited = await post(router, "/runtime/auth/send_magic_code", ["app-id": appID, "email": "a@example.com"])
        #expect(limited.status == 429)
        #expect(limited.body["type"] == "rate-limited")
        #expect(
            limited.body["message"] == "Too many verification codes requested for this email. Please try again later.")
        #expect(limited.body["hint"] == .null)
        // The admin route shares the count; another email and plain `magic_code` do not.
        let admin = ["app-id": app.id.uuidString, "authorization": "Bearer \(app.adminToken)"]
        #expect(await post(router, "/admin/send_magic_code", ["email": "a@example.com"], headers: admin).status == 429)
        #expect(await post(router, "/admin/magic_code", ["email": "a@example.com"], headers: admin).status == 200)
        #expect(
            await post(router, "/runtime/auth/send_magic_code", ["app-id": appID, "email": "b@example.com"]).status
                == 200)
        // Once the window has passed, codes are sent again.
        skew.set(AuthRateLimits.windowMilliseconds + 1)
        #expect(
            await post(router, "/runtime/auth/send_magic_code", ["app-id": appID, "email": "a@example.com"]).status
                == 200)
    }

    @Test func wrongCodesAreLimitedPerEmail() async throws {
        let skew = Skew()
        let router = try router(skew: skew)
        let app = try router.apps.defaultApp(now: 0)
        let appID = JSONValue(app.id)
        _ = await post(router, "/runtime/auth/send_magic_code", ["app-id": appID, "email": "c@example.com"])
        let code = try #require(router.magicCodes.entries(app: app.id, email: "c@example.com").first?.code)
        let wrong = code == "000000" ? "000001" : "000000"
        for _ in 0..<AuthRateLimits.failedVerifiesPerWindow {
            let reply = await post(
                router, "/runtime/auth/verify_magic_code",
                ["app-id": appID, "email": "c@example.com", "code": .string(wrong)])
            #expect(reply.body["type"] == "record-not-found")
        }
        // Even the right code is refused now, until the window passes.
        let verify: JSONValue = ["app-id": appID, "email": "c@example.com", "code": .string(code)]
        let limited = await post(router, "/runtime/auth/verify_magic_code", verify)
        #expect(limited.status == 429)
        #expect(limited.body["type"] == "rate-limited")
        skew.set(AuthRateLimits.windowMilliseconds + 1)
        #expect(await post(router, "/runtime/auth/verify_magic_code", verify).status == 200)
    }

    @Test func anExpiredCodeIsDeletedWhenTried() async throws {
        let skew = Skew()
        let router = try router(skew: skew)
        let app = try router.apps.defaultApp(now: 0)
        let appID = JSONValue(app.id)
        _ = await post(router, "/runtime/auth/send_magic_code", ["app-id": appID, "email": "d@example.com"])
        let code = try #require(router.magicCodes.entries(app: app.id).first?.code)
        let isStored = { () async throws -> Bool in
            try await router.storage.read(app: app.id) { $0.magicCodeRow(email: "d@example.com", code: code) != nil }
        }
        #expect(try await isStored())
        skew.set(AuthLifetimes.magicCodeMilliseconds + 60_000)
        let verify: JSONValue = ["app-id": appID, "email": "d@example.com", "code": .string(code)]
        let expired = await post(router, "/runtime/auth/verify_magic_code", verify)
        #expect(expired.body["type"] == "record-expired")
        #expect(try await !isStored())
        #expect(await post(router, "/runtime/auth/verify_magic_code", verify).body["type"] == "record-not-found")
    }

    @Test func anExpiredOAuthRequestIsDeletedWhenTried() async throws {
        let skew = Skew()
        let router = try router(skew: skew)
        let app = try router.apps.defaultApp(now: 0)
        let page = await router.respond(
            to: APIRequest(
                method: "GET", path: "/runtime/oauth/start",
                query: ["app_id": app.id.uuidString, "client_name": "g", "redirect_uri": "http://localhost/cb"]))
        let html = String(decoding: try #require(page.page?.body), as: UTF8.self)
        let marker = try #require(html.range(of: "name=\"state\" value=\""))
        let state = String(html[marker.upperBound...].prefix(72))
        skew.set(AuthLifetimes.oauthRedirectMilliseconds + 60_000)
        let callback = APIRequest(
            method: "GET", path: "/runtime/oauth/callback", query: ["state": state, "email": "f@example.com"])
        #expect(await router.respond(to: callback).body["error"] == "The request is expired.")
        #expect(await router.respond(to: callback).body["error"] == "Could not find OAuth request.")
    }

    @Test(arguments: [
        ("http://localhost:3000", true), ("http://127.0.0.1:8888", true), ("http://[::1]:5173", true),
        ("https://app.localhost", true), ("https://example.com", false), ("http://localhost.example.com", false),
        ("http://127.0.0.1.evil.com", false), ("null", false),
    ])
    func devMagicCodesAnswersOnlyLocalPages(origin: String, allowed: Bool) async throws {
        let router = try router(skew: Skew())
        let app = try router.apps.defaultApp(now: 0)
        _ = await post(router, "/runtime/auth/send_magic_code", ["app-id": JSONValue(app.id), "email": "e@example.com"])
        let path = "/dev/magic_codes"
        let query = ["app_id": app.id.uuidString]
        let scripted = await router.respond(to: APIRequest(method: "GET", path: path, query: query))
        #expect(scripted.body["codes"]?.arrayValue?.count == 1)
        let fromPage = await router.respond(
            to: APIRequest(method: "GET", path: path, query: query, headers: ["Origin": origin]))
        #expect((fromPage.body["codes"]?.arrayValue?.count == 1) == allowed)
        #expect((fromPage.body["type"] == "permission-denied") == !allowed)
    }
}
