import Foundation
import Wire

/// `Scripts/bench wire` (issue #6): what parsing a request head costs, without sockets.
///
/// Wall time on this shared 2-core machine is noisy; for a precise figure run one case under
/// callgrind at two counts and divide the difference in instructions by the difference in
/// requests (`--case health --count 1000` and `--count 2000`), which removes start-up.
enum WireBench {
    /// One kind of input: the bytes of one append and how many requests they hold.
    struct Case {
        let name: String
        let bytes: [UInt8]
        let requestsPerAppend: Int
    }

    /// What `wrk -t2 -c64 http://127.0.0.1:18881/health` sends, byte for byte.
    static let health = Array("GET /health HTTP/1.1\r\nHost: 127.0.0.1:18881\r\n\r\n".utf8)

    /// An admin query as the JS admin SDK sends it, with a small JSON body.
    static let adminQuery: [UInt8] = {
        let body = #"{"query":{"goals":{"todos":{}}},"inference?":false,"limit":1}"#
        let head =
            "POST /admin/query HTTP/1.1\r\n"
            + "Host: 127.0.0.1:18881\r\n"
            + "User-Agent: node\r\n"
            + "Content-Type: application/json\r\n"
            + "Authorization: Bearer 6f1f3a0e-5b8e-4c8a-9d2e-7a4b1c3d5e6f\r\n"
            + "App-Id: 0b9c8d7e-6f5a-4b3c-2d1e-0f9a8b7c6d5e\r\n"
            + "Accept-Encoding: gzip, deflate\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n"
        return Array((head + body).utf8)
    }()

    static let cases = [
        Case(name: "health", bytes: health, requestsPerAppend: 1),
        Case(name: "admin", bytes: adminQuery, requestsPerAppend: 1),
        Case(
            name: "pipelined",
            bytes: Array(repeating: adminQuery, count: 16).flatMap { $0 }, requestsPerAppend: 16),
    ]

    static func run() throws {
        let count = option("--count", default: 200_000)
        let only = CommandLine.arguments.firstIndex(of: "--case").flatMap {
            $0 + 1 < CommandLine.arguments.count ? CommandLine.arguments[$0 + 1] : nil
        }
        let raw = CommandLine.arguments.contains("--raw")
        let fresh = CommandLine.arguments.contains("--fresh")
        for benchCase in cases where only == nil || only == benchCase.name {
            // A warm-up round so the first allocations and page faults are not counted.
            _ = try parse(benchCase, requests: min(count, 1_000), raw: raw, fresh: fresh)
            var checksum = 0
            let seconds = try Measure.seconds {
                checksum = try parse(benchCase, requests: count, raw: raw, fresh: fresh)
            }
            Measure.report(
                "parse \(benchCase.name)\(raw ? " raw" : "")\(fresh ? " fresh" : "") (\(count) requests)",
                String(format: "%.0f ns/request", seconds * 1e9 / Double(count)) + "  [checksum \(checksum)]")
        }
    }

    /// Parses `requests` requests (rounded up to whole appends) through one parser, as one
    /// connection would: append what a read brought, then take requests until it needs more.
    /// `raw` appends from an `UnsafeRawBufferPointer`, as a read into a reused buffer would;
    /// otherwise from an `[UInt8]`, as a read that returns a fresh array does. `fresh` uses a
    /// new parser per append, as a new connection would: nothing of a previous head is reused.
    static func parse(_ benchCase: Case, requests: Int, raw: Bool, fresh: Bool) throws -> Int {
        var parser = HTTPRequestParser()
        var checksum = 0
        var parsed = 0
        while parsed < requests {
            if fresh { parser = HTTPRequestParser() }
            if raw {
                benchCase.bytes.withUnsafeBytes { parser.append($0) }
            } else {
                parser.append(benchCase.bytes)
            }
            while case .request(let request) = try parser.next() {
                checksum &+= request.path.utf8.count &+ request.headers.fields.count &+ request.body.count
                parsed += 1
            }
        }
        guard parsed % benchCase.requestsPerAppend == 0 else {
            throw HTTPBench.BenchFailure.unexpected("lost a request")
        }
        return checksum
    }
}
