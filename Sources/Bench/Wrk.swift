import Foundation

/// `wrk`, when installed, as a second opinion on the bundled load generator's figures.
struct Wrk {
    let path: String

    /// The first `wrk` on `PATH`.
    static func find() -> Wrk? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        for directory in directories {
            let path = "\(directory)/wrk"
            if FileManager.default.isExecutableFile(atPath: path) { return Wrk(path: path) }
        }
        return nil
    }

    /// Runs `wrk -t2` and returns "N req/s, p50 …, p99 …", or nil if it failed. `post` makes
    /// it send that JSON body with those headers, through a Lua script.
    func run(url: String, connections: Int, seconds: Int, post: (String, [String: String])?) -> String? {
        var arguments = ["-t2", "-c\(connections)", "-d\(seconds)s", "--latency"]
        var script: String?
        if let (body, headers) = post {
            var lua =
                "wrk.method = \"POST\"\nwrk.body = '\(body)'\nwrk.headers[\"Content-Type\"] = \"application/json\"\n"
            for (name, value) in headers { lua += "wrk.headers[\"\(name)\"] = \"\(value)\"\n" }
            let file = NSTemporaryDirectory() + "instant-local-bench-\(UUID().uuidString).lua"
            _ = FileManager.default.createFile(atPath: file, contents: Data(lua.utf8))
            script = file
            arguments += ["-s", file]
        }
        defer { if let script { try? FileManager.default.removeItem(atPath: script) } }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments + [url]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return nil }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        func field(_ prefix: String) -> String? {
            output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first {
                $0.hasPrefix(prefix)
            }?
            .dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        }
        guard let rate = field("Requests/sec:") else { return nil }
        let errors = field("Non-2xx or 3xx responses:").map { ", \($0) non-2xx" } ?? ""
        return "\(rate) req/s, p50 \(field("50%") ?? "?"), p99 \(field("99%") ?? "?")\(errors)"
    }
}
