import Engine
import Foundation
import Server
import Testing

/// Expired one-time codes (protocol-http §8.4): the router's clock is moved past the
/// magic-code lifetime, so no test waits a day.
@Suite struct AuthExpiryTests {
    func router(skew: Int64) throws -> Router {
        Router(
            apps: try AppDirectory(dataDirectory: nil), storage: AppRegistry(directory: nil), platformToken: "per_x",
            clock: { Int64(Date().timeIntervalSince1970 * 1000) + skew })
    }

    @Test func magicCodePastItsLifetimeIsRecordExpired() async throws {
        let router = try router(skew: AuthLifetimes.magicCodeMilliseconds + 60_000)
        let app = try router.apps.defaultApp(now: 0)
        let headers = ["app-id": app.id.uuidString, "authorization": "Bearer \(app.adminToken)"]
        let issued = await router.respond(
            to: APIRequest(
                method: "POST", path: "/admin/magic_code", headers: headers,
                body: Array(#"{"email":"v@example.com"}"#.utf8)))
        let code = try #require(issued.body["code"]?.stringValue)
        let verify = await router.respond(
            to: APIRequest(
                method: "POST", path: "/admin/verify_magic_code", headers: headers,
                body: Array(#"{"email":"v@example.com","code":"\#(code)"}"#.utf8)))
        #expect(verify.status == 400)
        #expect(verify.body["type"] == "record-expired")
        #expect(verify.body["message"] == "Record expired: app-user-magic-code")
    }
}
