import Engine
import Foundation
import TestSupport
import Testing

/// The `instant-local` command as scripts and harnesses use it (issue #6 item 3): the built
/// binary in a child process, its readiness line read from stdout.
@Suite struct CommandLineTests {
    @Test func jsonLineArrivesOnceListening() async throws {
        let server = try await LaunchedServer.start(["--port", "0", "--json", "--in-memory"])
        defer { server.process.terminate() }
        #expect(server.url.wholeMatch(of: /http:\/\/127\.0\.0\.1:[0-9]+/) != nil)
        #expect(EntityID(server.appID) != nil)
        #expect(EntityID(server.adminToken) != nil)
        // Right after the line, with no retry: the socket already listens.
        let client = HTTPTestClient(port: server.port)
        let query = try await client.request(
            "POST", "/admin/query", headers: server.adminHeaders, json: ["query": ["goals": [:]]])
        #expect(query.status == 200)
        #expect(query.json == ["goals": []])
        #expect(await server.stop() == 0)
    }

    @Test func bannerLinesStartWithTheirLabels() async throws {
        let process = try ChildProcess.spawn(try InstantLocalBinary.path(), ["--in-memory", "--port=0"])
        defer { process.terminate() }
        let lines = await onThread { process.readLines(through: "Admin token:") }
        let url = try #require(lines.first { $0.hasPrefix("URL:") }?.dropFirst(4).trimmingCharacters(in: .whitespaces))
        let appID = try #require(
            lines.first { $0.hasPrefix("App ID:") }?.dropFirst(7).trimmingCharacters(in: .whitespaces))
        let token = try #require(
            lines.first { $0.hasPrefix("Admin token:") }?.dropFirst(12).trimmingCharacters(in: .whitespaces))
        #expect(url.wholeMatch(of: /http:\/\/127\.0\.0\.1:[0-9]+/) != nil)
        let port = try #require(Int(url.split(separator: ":").last ?? ""))
        let query = try await HTTPTestClient(port: port).request(
            "POST", "/admin/query", headers: ["app-id": appID, "authorization": "Bearer \(token)"],
            json: ["query": ["goals": [:]]])
        #expect(query.status == 200)
        process.send(SIGTERM)
        #expect(await onThread { process.waitForExit(timeoutSeconds: 5) } == 0)
    }

    @Test func secondStartOnTheSameDataDirectoryKeepsAppAndData() async throws {
        let directory = try RepositoryPaths.temporaryDirectory()  // exists and is empty
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try await LaunchedServer.start(["--data-dir", directory.path, "--port", "0", "--json"])
        defer { first.process.terminate() }
        let client = HTTPTestClient(port: first.port)
        let goal = EntityID.random().uuidString
        let tx = try await client.request(
            "POST", "/admin/transact", headers: first.adminHeaders,
            json: ["steps": [["update", "goals", .string(goal), ["title": "kept"]]]])
        #expect(tx.status == 200)
        #expect(await first.stop() == 0)

        // The same flags in another order, one of them as --flag=value.
        let second = try await LaunchedServer.start(["--json", "--port=0", "--data-dir=\(directory.path)"])
        defer { second.process.terminate() }
        #expect(second.appID == first.appID)
        #expect(second.adminToken == first.adminToken)
        let query = try await HTTPTestClient(port: second.port).request(
            "POST", "/admin/query", headers: second.adminHeaders, json: ["query": ["goals": [:]]])
        #expect(query.json == ["goals": [["id": .string(goal), "title": "kept"]]])
        #expect(await second.stop() == 0)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("apps.json").path))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("apps/\(first.appID)").path))
    }

    @Test func sigtermExitsPromptlyWithClientsConnected() async throws {
        let server = try await LaunchedServer.start(["--port", "0", "--json", "--in-memory"])
        defer { server.process.terminate() }
        let port = server.port
        // A keep-alive connection that got an answer and stays open, one that never spoke, and
        // one stuck halfway through a request (cut off after the grace period).
        let idle = BlockingExchange(port: port)
        let answered = try idle.connect().get()
        let silent = try idle.connect().get()
        let halfway = try idle.connect().get()
        defer {
            for fd in [answered, silent, halfway] { close(fd) }
        }
        #expect(idle.send(Array("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".utf8), on: answered))
        let first = await onThread { idle.readResponse(on: answered) }
        #expect(first?.status == 200)
        #expect(idle.send(Array("POST /admin/query HTTP/1.1\r\nContent-Length: 90\r\n\r\n{".utf8), on: halfway))
        let started = ContinuousClock.now
        #expect(await server.stop(timeoutSeconds: 5) == 0)
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func portAlreadyTakenIsOneSentenceAndFailure() async throws {
        let other = try await TestServer.start()
        let process = try ChildProcess.spawn(
            try InstantLocalBinary.path(), ["--in-memory", "--port", "\(other.endpoint.port)", "--json"])
        defer { process.terminate() }
        let status = await onThread { process.waitForExit(timeoutSeconds: 10) }
        let errors = await onThread { process.readErrors() }
        await other.stop()
        #expect(status != nil && status != 0)
        let lines = errors.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(errors.contains("\(other.endpoint.port)"))
        #expect(errors.contains("already in use"))
        #expect(await onThread { process.readLine(timeoutSeconds: 1) } == nil)  // no banner
    }

    @Test func helpExitsZero() async throws {
        let process = try ChildProcess.spawn(try InstantLocalBinary.path(), ["--help"])
        defer { process.terminate() }
        let lines = await onThread { process.readLines(through: "Usage:") }
        #expect(lines.contains { $0.hasPrefix("Usage:") })
        #expect(await onThread { process.waitForExit() } == 0)
    }

    @Test(arguments: [["--bogus"], ["--port", "x"], ["--port"], ["--json", "--prot=1"]])
    func badFlagsExitNonZero(_ arguments: [String]) async throws {
        let process = try ChildProcess.spawn(try InstantLocalBinary.path(), arguments)
        defer { process.terminate() }
        let status = await onThread { process.waitForExit() }
        #expect(status != nil && status != 0)
        let errors = await onThread { process.readErrors() }
        #expect(errors.split(separator: "\n").count == 1)
    }

    @Test func unusableDataDirectoryIsOneSentenceAndFailure() async throws {
        let file = try RepositoryPaths.temporaryDirectory().appendingPathComponent("not-a-directory")
        try Data("x".utf8).write(to: file)
        let process = try ChildProcess.spawn(try InstantLocalBinary.path(), ["--data-dir", file.path, "--port", "0"])
        defer { process.terminate() }
        let status = await onThread { process.waitForExit() }
        #expect(status != nil && status != 0)
        let errors = await onThread { process.readErrors() }
        #expect(errors.split(separator: "\n").count == 1)
        #expect(errors.contains(file.path))
    }

    @Test func fixturesSeedTheDefaultApp() async throws {
        let fixtures = RepositoryPaths.fixture("zeneca").path
        let server = try await LaunchedServer.start(["--fixtures", fixtures, "--in-memory", "--json", "--port", "0"])
        defer { server.process.terminate() }
        let query = try await HTTPTestClient(port: server.port).request(
            "POST", "/admin/query", headers: server.adminHeaders, json: ["query": ["users": [:]]])
        let handles = query.json?["users"]?.arrayValue?.compactMap { $0["handle"]?.stringValue }
        #expect(handles?.count == 4)
        #expect(Set(handles ?? []) == ["joe", "alex", "stopa", "nicolegf"])
        #expect(await server.stop() == 0)
    }
}
