/// Why a request could not be read: the typed error of the HTTP layer.
///
/// Each case renders its own wire response (`response`), so the connection can answer any of
/// them without knowing what went wrong. After any of them the connection is closed, because
/// the position of the next request in the byte stream is unknown.
public enum HTTPRequestError: Error, Hashable, Sendable {
    /// The request line is not `method SP target SP HTTP/x.y`, or the target is not a path,
    /// an absolute URL or `*`.
    case malformedRequestLine
    /// A header line has no colon, an invalid name, whitespace before the colon, a control
    /// character in its value, or is an obsolete folded continuation (RFC 9112 §5).
    case malformedHeader
    /// The request line names a protocol version other than HTTP/1.0 or HTTP/1.1.
    case unsupportedVersion(String)
    /// The head (or a chunked body's trailers) exceeds `HTTPLimits.maxHeaderBytes`.
    case headersTooLarge(limit: Int)
    /// The body exceeds `HTTPLimits.maxBodyBytes`.
    case bodyTooLarge(limit: Int)
    /// `Content-Length` is not a decimal number, or several disagree.
    case invalidContentLength
    /// Both `Content-Length` and `Transfer-Encoding` are present, a request-smuggling vector
    /// that RFC 9112 §6.3 allows rejecting.
    case conflictingFraming
    /// `Transfer-Encoding` is anything but `chunked`.
    case unsupportedTransferEncoding(String)
    /// A chunk-size line or chunk terminator in a chunked body is malformed.
    case malformedChunk
    /// The client went silent in the middle of a request for longer than the request timeout.
    case requestTimedOut
}

extension HTTPRequestError {
    /// The status this error is answered with.
    public var status: HTTPStatus {
        switch self {
        case .malformedRequestLine, .malformedHeader, .invalidContentLength, .conflictingFraming, .malformedChunk:
            .badRequest
        case .unsupportedVersion: .httpVersionNotSupported
        case .headersTooLarge: .headerFieldsTooLarge
        case .bodyTooLarge: .contentTooLarge
        case .unsupportedTransferEncoding: .notImplemented
        case .requestTimedOut: .requestTimeout
        }
    }

    /// The JSON error envelope sent to the client (protocol-http §2).
    ///
    /// Upstream has no such errors; they use its `validation-failed` shape so every client
    /// shows the message, except the timeout, which uses upstream's `operation-timed-out`.
    public var envelope: ErrorEnvelope {
        switch self {
        case .malformedRequestLine:
            .validationFailed(dataType: "request", detail: "The request line is malformed.")
        case .malformedHeader:
            .validationFailed(dataType: "headers", detail: "A header line is malformed.")
        case .unsupportedVersion(let version):
            .validationFailed(dataType: "request", detail: "Unsupported protocol version \(version).")
        case .headersTooLarge(let limit):
            .validationFailed(dataType: "headers", detail: "The request headers exceed \(limit) bytes.")
        case .bodyTooLarge(let limit):
            .validationFailed(dataType: "body", detail: "The request body exceeds \(limit) bytes.")
        case .invalidContentLength:
            .validationFailed(dataType: "headers", detail: "Content-Length is invalid.")
        case .conflictingFraming:
            .validationFailed(
                dataType: "headers", detail: "Content-Length and Transfer-Encoding cannot both be present.")
        case .unsupportedTransferEncoding(let coding):
            .validationFailed(dataType: "headers", detail: "Unsupported Transfer-Encoding \(coding).")
        case .malformedChunk:
            .validationFailed(dataType: "body", detail: "The chunked body is malformed.")
        case .requestTimedOut:
            ErrorEnvelope(type: "operation-timed-out", message: "Timed out waiting for the rest of the request.")
        }
    }

    /// The complete response: status, JSON envelope and `Connection: close`.
    public var response: HTTPResponse {
        var response = HTTPResponse.error(envelope, status: status)
        response.headers["Connection"] = "close"
        return response
    }
}
