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
        // One pass over the fields, no arrays or strings built: this runs for every request.
        var length: Int?
        var hasLength = false
        var codings: [String]?
        for field in headers.fields {
            if HTTPHeaders.matches(field.name, "Content-Length") {
                hasLength = true
                try Self.readLengths(field.value, into: &length, limits: limits)
            } else if HTTPHeaders.matches(field.name, "Transfer-Encoding") {
                codings = (codings ?? [])
                    + field.value.split(separator: ",").map { $0.trimmingHTTPWhitespace().lowercased() }.filter {
                        !$0.isEmpty
                    }
            }
        }
        if let codings {
            guard !hasLength else { throw .conflictingFraming }
            guard codings == ["chunked"] else {
                throw .unsupportedTransferEncoding(codings.joined(separator: ", "))
            }
            self = .chunked
            return
        }
        guard hasLength else {
            self = .length(0)
            return
        }
        guard let length else { throw .invalidContentLength }
        guard length <= limits.maxBodyBytes else { throw .bodyTooLarge(limit: limits.maxBodyBytes) }
        self = .length(length)
    }

    /// Reads one `Content-Length` value: comma-separated decimal lengths with optional
    /// spaces and tabs around each, all equal to each other and to `length` if set.
    private static func readLengths(_ value: String, into length: inout Int?, limits: HTTPLimits)
        throws(HTTPRequestError)
    {
        var digits = 0
        var number = 0
        var sawDigit = false
        var afterDigits = false
        func finish(_ length: inout Int?) throws(HTTPRequestError) {
            guard sawDigit else { throw .invalidContentLength }
            guard digits <= maxContentLengthDigits else { throw .bodyTooLarge(limit: limits.maxBodyBytes) }
            guard length == nil || length == number else { throw .invalidContentLength }
            length = number
            (digits, number, sawDigit, afterDigits) = (0, 0, false, false)
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard !afterDigits else { throw .invalidContentLength }
                sawDigit = true
                digits += 1
                // Past the digit limit the value no longer matters: it is too large.
                if digits <= maxContentLengthDigits { number = number * 10 + Int(byte - UInt8(ascii: "0")) }
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                afterDigits = sawDigit
            case UInt8(ascii: ","):
                try finish(&length)
            default:
                throw .invalidContentLength
            }
        }
        try finish(&length)
    }
}
