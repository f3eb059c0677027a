import Foundation

@testable import Wire

/// A response as a test client received it.
struct RawHTTPResponse {
    /// The status code.
    var status: Int
    /// The header fields.
    var headers: HTTPHeaders
    /// The body after removing chunked framing.
    var body: [UInt8] = []

    /// Parses a status line and header lines (without the final blank line).
    init(head: String) throws {
        let lines = head.components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusParts[0] == "HTTP/1.1", let status = Int(statusParts[1]) else {
            throw RawClientError.malformed("status line \(lines[0])")
        }
        self.status = status
        headers = HTTPHeaders()
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { throw RawClientError.malformed("header \(line)") }
            headers.add(String(line[..<colon]), line[line.index(after: colon)...].trimmingHTTPWhitespace())
        }
    }

    /// The body as UTF-8 text.
    var text: String {
        String(decoding: body, as: UTF8.self)
    }

    /// The body as a JSON object, or `nil` when it is not one.
    var jsonObject: [String: Any]? {
        Self.jsonObject(body)
    }
}

extension RawHTTPResponse {
    /// `bytes` as a JSON object, or `nil` when they are not one.
    static func jsonObject(_ bytes: [UInt8]) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }
}
