import Engine
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(Glibc)
    private let systemConnect = Glibc.connect
#elseif canImport(Darwin)
    private let systemConnect = Darwin.connect
#endif

/// A minimal blocking HTTP/1.1 client over a real TCP socket, for tests that must
/// control the exact bytes on the wire (no URLSession: it retries and rewrites).
public struct HTTPTestClient: Sendable {
    public let port: Int

    public init(port: Int) { self.port = port }

    /// One response: status and body bytes.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: [UInt8]
        /// The body as JSON, nil when it is not JSON.
        public var json: JSONValue? { try? JSONParser.parse(body) }
    }

    public enum Failure: Error, Equatable {
        case connect(Int32)
        case closedEarly
        case malformed
    }

    /// Sends `raw` on a new connection and reads one response (nil if the server
    /// closed the connection without answering).
    public func exchange(_ raw: [UInt8], timeoutSeconds: Int = 10) throws -> Response? {
        let fd = try connect(timeoutSeconds: timeoutSeconds)
        defer { close(fd) }
        _ = raw.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        return try readResponse(fd)
    }

    /// `exchange` on a thread of its own, so tests on the cooperative pool never block
    /// the threads the in-process server needs to answer.
    public func sendAsync(_ raw: [UInt8], timeoutSeconds: Int = 10) async throws -> Response? {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try self.exchange(raw, timeoutSeconds: timeoutSeconds) })
            }
            thread.start()
        }
    }

    /// A JSON request, sent from a thread of its own (see `sendAsync`).
    public func request(
        _ method: String, _ path: String, headers: [String: String] = [:], json: JSONValue? = nil
    ) async throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        let body = json?.jsonBytes ?? []
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        if json != nil { head += "Content-Type: application/json\r\n" }
        head += "Content-Length: \(body.count)\r\n\r\n"
        guard let response = try await sendAsync(Array(head.utf8) + body) else { throw Failure.closedEarly }
        return response
    }

    /// A JSON request on the calling thread (for code off the cooperative pool).
    public func requestBlocking(
        _ method: String, _ path: String, headers: [String: String] = [:], json: JSONValue? = nil
    ) throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        let body = json?.jsonBytes ?? []
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        if json != nil { head += "Content-Type: application/json\r\n" }
        head += "Content-Length: \(body.count)\r\n\r\n"
        guard let response = try exchange(Array(head.utf8) + body) else { throw Failure.closedEarly }
        return response
    }

    private func connect(timeoutSeconds: Int) throws -> Int32 {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                systemConnect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw Failure.connect(errno)
        }
        return fd
    }

    private func readResponse(_ fd: Int32) throws -> Response? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
            if let parsed = Self.parse(data) { return parsed }
        }
        return data.isEmpty ? nil : Self.parse(data)
    }

    /// Parses a complete Content-Length response; nil while incomplete.
    static func parse(_ data: [UInt8]) -> Response? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = data.firstRange(of: separator) else { return nil }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusLine = head.first, statusLine.split(separator: " ").count >= 2,
            let status = Int(statusLine.split(separator: " ")[1])
        else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        let bodyStart = end.upperBound
        guard data.count - bodyStart >= length else { return nil }
        return Response(status: status, headers: headers, body: Array(data[bodyStart..<bodyStart + length]))
    }
}
