import Foundation
import TestSupport
import Testing

/// The unmodified official JS clients through every auth flow, driven by
/// `Tests/Node/auth-flows.mjs`. Skipped, not failed, where node or the bundle is missing.
@Suite(.timeLimit(.minutes(1)))
struct AuthNodeClientTests {
    static let script = RepositoryPaths.root.appendingPathComponent("Tests/Node/auth-flows.mjs")

    @Test(.enabled(if: SessionNodeClientTests.isAvailable, "needs node and ../shared/jsclient"))
    func officialClientsSignInEveryWay() async throws {
        let server = try await TestServer.start()
        let process = try ChildProcess.spawn(
            try #require(SessionNodeClientTests.node),
            [
                Self.script.path, String(server.endpoint.port), server.appID.uuidString, server.adminToken.uuidString,
                SessionNodeClientTests.jsclient.path,
            ])
        let lines = await onThread { process.readLines(through: "ok", timeoutSeconds: 30) }
        let status = await onThread { process.waitForExit(timeoutSeconds: 10) }
        let errors = await onThread { process.readErrors() }
        process.terminate()
        let steps = [
            "guest", "magic code upgrades the guest", "socket init with refresh token", "oauth page flow", "id_token",
            "sign out", "admin createToken, verifyToken, asUser",
        ].map { "step: \($0)" }
        #expect(lines == steps + ["ok"], "stdout: \(lines), stderr: \(errors)")
        #expect(status == 0)
        await server.stop()
    }
}
