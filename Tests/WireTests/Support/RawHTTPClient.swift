import Foundation

@testable import Wire

/// Why a test client gave up; any of these fails the test instead of hanging it.
enum RawClientError: Error, Equatable {
    /// Nothing arrived within `RawHTTPClient.timeout`.
    case timedOut
    /// The server closed the connection before the response was complete.
    case closedEarly
    /// The bytes were not a valid HTTP response.
    case malformed(String)
    /// A socket call failed.
    case socket(SocketError)
}

/// A raw HTTP/1.1 client for end-to-end tests: writes exactly the bytes a test gives it and
/// parses responses itself, so tests can send malformed, pipelined or drip-fed requests.
///
/// Every read is bounded by `timeout`, so a broken server fails the test rather than
/// hanging it. It shares Wire's socket layer, whose own tests run over socketpairs.
struct RawHTTPClient {
    /// Upper bound for any single read.
    static let timeout = Duration.seconds(10)

    /// The connection.
    let socket: AsyncSocket
    /// Bytes received but not yet parsed.
    var buffer: [UInt8] = []

    /// Connects to 127.0.0.1:`port`.
    static func connect(port: Int, loop: ReadinessLoop = .shared) async throws -> RawHTTPClient {
        do throws(SocketError) {
            return RawHTTPClient(socket: try await AsyncSocket.connect(host: "127.0.0.1", port: port, loop: loop))
        } catch {
            throw RawClientError.socket(error)
        }
    }

    /// Writes `text` as UTF-8.
    func send(_ text: String) async throws {
        try await send(Array(text.utf8))
    }

    /// Writes `bytes`.
    func send(_ bytes: [UInt8]) async throws {
        do throws(SocketError) {
            try await socket.write(bytes)
        } catch {
            throw RawClientError.socket(error)
        }
    }

    /// Reads one complete response.
    ///
    /// - Parameter bodyless: true for responses that have no body whatever their headers
    ///   say (answers to HEAD, `101`).
    mutating func readResponse(bodyless: Bool = false) async throws -> RawHTTPResponse {
        var response = try await readHead()
        if bodyless || response.status == 101 { return response }
        if response.headers.tokens(for: "Transfer-Encoding").contains("chunked") {
            while let chunk = try await readChunk() { response.body += chunk }
        } else if let length = response.headers["Content-Length"].flatMap(Int.init) {
            response.body = try await readExactly(length)
        } else {
            response.body = try await readToEnd()
        }
        return response
    }

    /// Reads a status line and headers.
    mutating func readHead() async throws -> RawHTTPResponse {
        let terminator = Array("\r\n\r\n".utf8)
        while true {
            if let end = buffer.firstRange(of: terminator) {
                let head = String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
                buffer.removeSubrange(..<end.upperBound)
                return try RawHTTPResponse(head: head)
            }
            guard try await receive() else { throw RawClientError.closedEarly }
        }
    }

    /// Reads one chunk of a chunked body; `nil` after the final zero-size chunk.
    mutating func readChunk() async throws -> [UInt8]? {
        let sizeLine = try await readLine()
        guard let size = Int(sizeLine.split(separator: ";")[0], radix: 16) else {
            throw RawClientError.malformed("chunk size \(sizeLine)")
        }
        if size == 0 {
            while try await !readLine().isEmpty {}
            return nil
        }
        let data = try await readExactly(size)
        guard try await readLine().isEmpty else { throw RawClientError.malformed("chunk terminator") }
        return data
    }

    /// Reads until the server closes the connection.
    mutating func readToEnd() async throws -> [UInt8] {
        while try await receive() {}
        defer { buffer.removeAll() }
        return buffer
    }

    /// Whether the server closed the connection with nothing more to say.
    mutating func isClosedByServer() async throws -> Bool {
        try await readToEnd().isEmpty
    }

    /// Closes the connection.
    func close() {
        socket.close()
    }

    /// Reads exactly `count` bytes.
    mutating func readExactly(_ count: Int) async throws -> [UInt8] {
        while buffer.count < count {
            guard try await receive() else { throw RawClientError.closedEarly }
        }
        defer { buffer.removeFirst(count) }
        return Array(buffer[..<count])
    }

    /// Reads one CRLF-terminated line, without the CRLF.
    private mutating func readLine() async throws -> String {
        while true {
            if let end = buffer.firstRange(of: Array("\r\n".utf8)) {
                defer { buffer.removeSubrange(..<end.upperBound) }
                return String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
            }
            guard try await receive() else { throw RawClientError.closedEarly }
        }
    }

    /// Appends the next bytes from the socket; `false` at end of input.
    private mutating func receive() async throws -> Bool {
        let socket = self.socket
        let result = await AsyncSocket.withTimeout(Self.timeout, clock: ContinuousClock()) {
            () async throws(SocketError) in try await socket.read()
        }
        switch result {
        case .success(let bytes):
            buffer += bytes
            return !bytes.isEmpty
        case .failure(.connectionReset):
            return false
        case .failure(.timedOut):
            throw RawClientError.timedOut
        case .failure(let error):
            throw RawClientError.socket(error)
        }
    }
}
