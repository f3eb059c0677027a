import Engine
import Foundation
import TestSupport

/// A running `instant-local` child process, started with `--json` and ready once its line
/// arrived.
struct Launched {
    let process: ChildProcess
    let url: String
    let port: Int
    let adminHeaders: [String: String]

    /// Starts `binary` and reads its JSON line.
    init(_ binary: String, _ arguments: [String]) throws {
        process = try ChildProcess.spawn(binary, arguments)
        guard let line = process.readLine(), let json = try? JSONParser.parse(line),
            let url = json["url"]?.stringValue, let appID = json["appId"]?.stringValue,
            let token = json["adminToken"]?.stringValue, let port = Int(url.split(separator: ":").last ?? "")
        else {
            process.terminate()
            throw HTTPBench.BenchFailure.noReadyLine(process.readErrors())
        }
        self.url = url
        self.port = port
        adminHeaders = ["app-id": appID, "authorization": "Bearer \(token)"]
    }

    /// SIGTERM, then wait for the exit.
    func stop() {
        process.send(SIGTERM)
        _ = process.waitForExit()
        process.terminate()
    }
}
