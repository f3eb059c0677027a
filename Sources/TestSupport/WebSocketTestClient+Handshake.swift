import Foundation
import Wire

extension WebSocketTestClient {
    /// The server's answer to the upgrade request: status, headers and the bytes after the
    /// head (the start of the WebSocket stream, or a rejection's body).
    struct HandshakeResponse {
        var status: Int
        /// Header names lowercased.
        var headers: [String: String]
        var rest: [UInt8]

        /// Reads up to the end of the head, plus a rejection's `Content-Length` body.
        static func read(from socket: AsyncSocket, timeout: Duration) async throws(Failure) -> HandshakeResponse {
            let deadline = ContinuousClock.now + timeout
            var data: [UInt8] = []
            let separator: [UInt8] = [13, 10, 13, 10]
            while data.firstRange(of: separator) == nil {
                data += try await chunk(from: socket, until: deadline)
            }
            let end = data.firstRange(of: separator)!
            let lines = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
            let statusParts = lines[0].split(separator: " ")
            let status = statusParts.count > 1 ? Int(statusParts[1]) ?? 0 : 0
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let name = line[..<colon].lowercased()
                headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            var rest = Array(data[end.upperBound...])
            if status != 101, let length = headers["content-length"].flatMap(Int.init) {
                while rest.count < length {
                    rest += try await chunk(from: socket, until: deadline)
                }
            }
            return HandshakeResponse(status: status, headers: headers, rest: rest)
        }

        /// One non-empty read before `deadline`; the head is read before any frame can
        /// follow, so late bytes only matter on failure.
        private static func chunk(from socket: AsyncSocket, until deadline: ContinuousClock.Instant)
            async throws(Failure) -> [UInt8]
        {
            let (winner, _) = await WebSocketTestClient.read(from: socket, timeout: deadline - ContinuousClock.now)
            let bytes = try winner.get()
            guard !bytes.isEmpty else { throw .connectionClosed }
            return bytes
        }
    }
}
