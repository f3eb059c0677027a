import Engine
import Foundation
import TestSupport
import Testing

/// Users and tokens are rows in the app's own log, so they survive a restart.
@Suite(.timeLimit(.minutes(1)))
struct AuthPersistenceTests {
    @Test func usersAndTokensSurviveARestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("auth-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try await TestServer.start(dataDirectory: directory)
        let auth = AuthClient(server: first)
        let created = try await auth.post(
            "/admin/refresh_tokens", ["email": "tess@example.com"], headers: auth.admin)
        let token = try #require(created.json?["user"]?["refresh_token"]?.stringValue)
        let userID = try #require(created.json?["user"]?["id"])
        let guest = try await auth.signInGuest()
        let pendingCode = try await auth.sendCode(to: "uma@example.com")
        await first.stop()

        let second = try await TestServer.start(dataDirectory: directory)
        #expect(second.appID == first.appID)
        let again = AuthClient(server: second)
        let verified = try await again.verifyToken(token)
        #expect(verified.json?["user"]?["id"] == userID)
        #expect(try await again.adminUser("email=tess%40example.com")?["id"] == userID)
        #expect(try await again.verifyToken(guest["refresh_token"]!.stringValue!).json?["user"]?["isGuest"] == true)
        // A code issued before the restart is still valid after it (only its hash was stored).
        #expect(try await again.verify("uma@example.com", code: pendingCode).status == 200)
        await second.stop()
    }
}
