import Engine
import Foundation
import TestSupport
import Testing

/// The built `instant-local` binary started as a child process with `--json`, once its JSON
/// line says it listens.
struct LaunchedServer: Sendable {
    /// The child process.
    var process: ChildProcess
    /// The JSON line's fields.
    var url: String
    var appID: String
    var adminToken: String

    /// The port in `url`.
    var port: Int { Int(url.split(separator: ":").last ?? "") ?? 0 }

    /// The admin headers for the default app.
    var adminHeaders: [String: String] { ["app-id": appID, "authorization": "Bearer \(adminToken)"] }

    /// Starts the binary with `arguments` (which must include `--json`) and waits for its
    /// line: no sleeping, the line is the readiness signal.
    static func start(_ arguments: [String]) async throws -> LaunchedServer {
        let process = try ChildProcess.spawn(try InstantLocalBinary.path(), arguments)
        let line = await onThread { process.readLine() }
        guard let line, let json = try? JSONParser.parse(line),
            let url = json["url"]?.stringValue, let appID = json["appId"]?.stringValue,
            let adminToken = json["adminToken"]?.stringValue
        else {
            process.terminate()
            let errors = await onThread { process.readErrors() }
            throw LaunchFailure(line: line, errors: errors)
        }
        return LaunchedServer(process: process, url: url, appID: appID, adminToken: adminToken)
    }

    /// Sends SIGTERM and returns the exit status, or nil if the process is still running after
    /// `timeoutSeconds`.
    func stop(timeoutSeconds: Double = 5) async -> Int32? {
        process.send(SIGTERM)
        let process = process
        return await onThread { process.waitForExit(timeoutSeconds: timeoutSeconds) }
    }

    /// The child printed no JSON line.
    struct LaunchFailure: Error, CustomStringConvertible {
        var line: String?
        var errors: String
        var description: String { "instant-local printed \(line ?? "nothing"); stderr: \(errors)" }
    }
}

/// Where the `instant-local` executable built beside the test bundle is.
enum InstantLocalBinary {
    /// The executable's path: `INSTANT_LOCAL_BIN`, else `instant-local` in the build products
    /// directory that holds the test bundle (`swift build --build-tests` puts both there).
    static func path() throws -> String {
        if let path = ProcessInfo.processInfo.environment["INSTANT_LOCAL_BIN"] { return path }
        var directories = Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
            .map { $0.deletingLastPathComponent() }
        directories.append(Bundle.main.bundleURL)
        directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for directory in directories {
            let candidate = directory.appendingPathComponent("instant-local").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw NotFound(searched: directories.map(\.path))
    }

    /// No executable in any of the searched directories.
    struct NotFound: Error, CustomStringConvertible {
        var searched: [String]
        var description: String { "instant-local not found in \(searched); run swift build --build-tests" }
    }
}
