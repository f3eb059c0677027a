import Foundation

/// Timing and memory readings for the benchmarks.
enum Measure {
    /// Seconds spent in `body`.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        return (ContinuousClock.now - start).seconds
    }

    /// Wall-clock and process CPU seconds spent in `body`. On a machine shared with
    /// other work the CPU figure shows what the code costs; the wall figure what it took.
    static func wallAndCPU(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
        let cpu = cpuSeconds()
        let wall = try seconds(body)
        return (wall, cpuSeconds() - cpu)
    }

    /// CPU time used by this process so far, all threads.
    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Seconds spent in an async `body`.
    static func asyncSeconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = ContinuousClock.now
        try await body()
        return (ContinuousClock.now - start).seconds
    }

    /// Resident set size in bytes, from `/proc/self/statm` (0 where it does not exist).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// A figure with thousands separators.
    static func count(_ value: Double) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = 0
        return formatter.string(from: NSNumber(value: value)) ?? "\(Int(value))"
    }

    /// Megabytes with one decimal.
    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }

    /// Prints one result line: what, figure, target.
    static func report(_ name: String, _ figure: String, target: String = "") {
        let padded = name.padding(toLength: 44, withPad: " ", startingAt: 0)
        print("\(padded) \(figure)\(target.isEmpty ? "" : "   (target \(target))")")
    }

    /// A fresh directory under the temp dir.
    static func temporaryDirectory(_ name: String) -> String {
        let path = NSTemporaryDirectory() + "instant-local-bench-\(name)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs this executable again with `arguments` (a clean heap for memory figures).
    static func runChild(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
    }
}

extension Duration {
    /// The duration in seconds as a Double.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
