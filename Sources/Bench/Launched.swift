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

    /// CPU seconds the server has used so far (user + system), from `/proc/<pid>/stat`; 0
    /// where that does not exist. Per-request CPU stays meaningful when other processes
    /// compete for the cores and wall-clock rates do not.
    var cpuSeconds: Double {
        guard let text = try? String(contentsOfFile: "/proc/\(process.pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return 0 }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// SIGTERM, then wait for the exit.
    func stop() {
        process.send(SIGTERM)
        _ = process.waitForExit()
        process.terminate()
    }
}
