import Foundation
import TestSupport
import Testing

/// The unmodified official `@instantdb/core` client (`../shared/jsclient`) against an
/// in-process server, driven by `Tests/Node/session-live-query.mjs`. Skipped, not failed,
/// where node or the client bundle is missing.
@Suite(.timeLimit(.minutes(1)))
struct SessionNodeClientTests {
    /// The bundled clients, next to the repository.
    static let jsclient = RepositoryPaths.root.deletingLastPathComponent().appendingPathComponent("shared/jsclient")
    /// The scenario script.
    static let script = RepositoryPaths.root.appendingPathComponent("Tests/Node/session-live-query.mjs")

    /// `node` on the PATH, if any.
    static let node: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/node" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }()

    static var isAvailable: Bool {
        node != nil && FileManager.default.fileExists(atPath: jsclient.appendingPathComponent("lib/node-env.mjs").path)
    }

    @Test(.enabled(if: isAvailable, "needs node and ../shared/jsclient"))
    func subscribersSeeEveryChangeAnotherClientMakes() async throws {
        let server = try await TestServer.start()
        let process = try ChildProcess.spawn(
            try #require(Self.node),
            [Self.script.path, String(server.endpoint.port), server.appID.uuidString, Self.jsclient.path])
        let lines = await onThread { process.readLines(through: "ok", timeoutSeconds: 30) }
        let status = await onThread { process.waitForExit(timeoutSeconds: 10) }
        let errors = await onThread { process.readErrors() }
        process.terminate()
        let steps = ["subscribed", "create and link", "update", "delete", "queryOnce"].map { "step: \($0)" }
        #expect(lines == steps + ["ok"], "stdout: \(lines), stderr: \(errors)")
        #expect(status == 0)
        await server.stop()
    }
}
