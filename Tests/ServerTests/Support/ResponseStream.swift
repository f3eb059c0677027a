import Engine
import Foundation

/// The responses found in the bytes a server sent on one connection, checked against the
/// robustness rule of issue #6: every answer is a JSON success or a JSON error envelope.
struct ResponseStream {
    /// One parsed response.
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
    }

    /// The complete responses, in order.
    var responses: [Response] = []
    /// Bytes after the last complete response (a response cut off by a reset, or garbage).
    var leftover: [UInt8] = []

    /// Splits `bytes` into responses; stops at the first incomplete or unparseable one.
    init(_ bytes: [UInt8]) {
        var rest = bytes[...]
        while !rest.isEmpty {
            guard let (response, used) = Self.parseOne(rest) else { break }
            rest = rest.dropFirst(used)
            if (100...199).contains(response.status) { continue }
            responses.append(response)
        }
        leftover = Array(rest)
    }

    /// What is wrong with these responses, given how the connection ended; empty when all is
    /// well.
    func problems(ending: BlockingExchange.Ending) -> [String] {
        var problems: [String] = []
        switch ending {
        case .closed, .reset: break
        case .timedOut: problems.append("the server neither answered nor closed (hang)")
        case .refused(let code): problems.append("connection refused (errno \(code)): is the server still up?")
        }
        if !leftover.isEmpty, ending != .reset {
            problems.append("\(leftover.count) bytes that are not a complete response: \(Self.excerpt(leftover))")
        }
        for response in responses {
            if let problem = Self.problem(with: response) { problems.append(problem) }
        }
        return problems
    }

    /// Why `response` breaks the rule, or nil.
    static func problem(with response: Response) -> String? {
        let text = excerpt(response.body)
        if response.status == 200, response.headers["content-type"]?.hasPrefix("text/plain") == true {
            // The CORS preflight answer (protocol-http §1.5) is the one plain-text success.
            return response.body == Array("preflight complete".utf8) ? nil : "200 text body \(text)"
        }
        let (valid, strings) = JSONSyntax.check(response.body)
        guard valid, response.body.first == UInt8(ascii: "{") else {
            return "status \(response.status) with a non-JSON body: \(text)"
        }
        if response.status == 200 { return nil }
        guard strings["type"] != nil, strings["message"] != nil else {
            return "status \(response.status) without a type and message: \(text)"
        }
        return nil
    }

    /// Parses one response with a `Content-Length` body; nil while incomplete or malformed.
    static func parseOne(_ bytes: ArraySlice<UInt8>) -> (Response, Int)? {
        guard let end = bytes.firstRange(of: [13, 10, 13, 10]) else { return nil }
        let lines = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard lines[0].hasPrefix("HTTP/1."), statusParts.count >= 2, let status = Int(statusParts[1]) else {
            return nil
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        let headLength = end.upperBound - bytes.startIndex
        if (100...199).contains(status) {
            return (Response(status: status, headers: headers, body: []), headLength)
        }
        guard let length = headers["content-length"].flatMap(Int.init),
            bytes.count - headLength >= length
        else { return nil }
        let bodyStart = end.upperBound
        return (
            Response(status: status, headers: headers, body: Array(bytes[bodyStart..<bodyStart + length])),
            headLength + length
        )
    }

    /// Up to 160 bytes, printable, for failure messages.
    static func excerpt(_ bytes: some Collection<UInt8>) -> String {
        let shown = bytes.prefix(160).map { byte -> String in
            (0x20..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : String(format: "\\x%02X", byte)
        }
        return "\"" + shown.joined() + (bytes.count > 160 ? "…" : "") + "\""
    }
}
