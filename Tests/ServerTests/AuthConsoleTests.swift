import Engine
import Foundation
import TestSupport
import Testing

/// The built binary prints each magic code on one line after its banner, since it sends
/// no e-mail (protocol-http §8.3: a local server logs the code).
@Suite(.timeLimit(.minutes(1)))
struct AuthConsoleTests {
    @Test func magicCodesArePrintedAfterTheBanner() async throws {
        let process = try ChildProcess.spawn(try InstantLocalBinary.path(), ["--port", "0", "--in-memory"])
        defer { process.terminate() }
        let banner = await onThread { process.readLines(through: "Press Ctrl-C to stop.") }
        let url = try #require(banner.first { $0.hasPrefix("URL:") }?.split(separator: " ").last.map(String.init))
        let appID = try #require(banner.first { $0.hasPrefix("App ID:") }?.split(separator: " ").last.map(String.init))
        let portText = try #require(url.split(separator: ":").last)
        let port = try #require(Int(portText))
        let sent = try await HTTPTestClient(port: port).request(
            "POST", "/runtime/auth/send_magic_code", json: ["app-id": .string(appID), "email": "Rae@Example.com"])
        #expect(sent.json == ["sent": true])
        let printed = await onThread { process.readLine() }
        let line = try #require(printed)
        let prefix = "Magic code for rae@example.com (app \(appID)): "
        #expect(line.hasPrefix(prefix))
        #expect(line.dropFirst(prefix.count).count == 6)
        #expect(line.dropFirst(prefix.count).allSatisfy { $0.isNumber })
    }
}
