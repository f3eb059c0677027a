/// How a request body is delimited, decided from its headers (RFC 9112 §6.3).
enum BodyFraming: Hashable, Sendable {
    /// Exactly this many bytes follow the head (0 when neither header is present).
    case length(Int)
    /// The body uses chunked transfer coding.
    case chunked

    /// The most decimal digits accepted in `Content-Length`; more would overflow `Int`, and
    /// anything that long is over every body limit anyway.
    static let maxContentLengthDigits = 18

    /// Reads `Transfer-Encoding` and `Content-Length`.
    ///
    /// - Throws: `.conflictingFraming` when both are present (request smuggling guard);
    ///   `.unsupportedTransferEncoding` unless the coding is exactly `chunked`;
    ///   `.invalidContentLength` for non-numeric or disagreeing lengths;
    ///   `.bodyTooLarge` when the announced length exceeds the limit, before any body byte
    ///   is read.
    init(headers: HTTPHeaders, limits: HTTPLimits) throws(HTTPRequestError) {
        let lengths = headers.values(for: "Content-Length")
        if headers.contains("Transfer-Encoding") {
            guard lengths.isEmpty else { throw .conflictingFraming }
            let codings = headers.tokens(for: "Transfer-Encoding")
            guard codings == ["chunked"] else {
                throw .unsupportedTransferEncoding(codings.joined(separator: ", "))
            }
            self = .chunked
            return
        }
        guard !lengths.isEmpty else {
            self = .length(0)
            return
        }
        var length: Int?
        for candidate in lengths.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
            let digits = candidate.trimmingHTTPWhitespace()
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            else { throw .invalidContentLength }
            guard digits.utf8.count <= Self.maxContentLengthDigits, let value = Int(digits) else {
                throw .bodyTooLarge(limit: limits.maxBodyBytes)
            }
            guard length == nil || length == value else { throw .invalidContentLength }
            length = value
        }
        guard let length else { throw .invalidContentLength }
        guard length <= limits.maxBodyBytes else { throw .bodyTooLarge(limit: limits.maxBodyBytes) }
        self = .length(length)
    }
}
