/// An incremental, pure HTTP/1.1 request parser: bytes in, need-more / a request / a typed
/// error out, no I/O (STYLE §4).
///
/// Feed bytes with `append(_:)` and call `next()` until it returns `.needMore`; several
/// pipelined requests in one read come out one per call, in order. After an error the parser
/// keeps throwing it: the connection must answer and close.
public struct HTTPRequestParser: Sendable {
    /// What `next()` produced.
    public enum Output: Hashable, Sendable {
        /// No complete request yet; append more bytes.
        case needMore
        /// The client sent `Expect: 100-continue` and is waiting before sending its body:
        /// answer `100 Continue`, then keep appending and calling `next()`. Reported once.
        case continueExpected
        /// A complete request.
        case request(HTTPRequest)
    }

    /// Where the parser is within the current request.
    enum State: Sendable {
        /// Waiting for the blank line that ends the request head.
        case head
        /// The head is parsed; the body is `length` bytes.
        case fixedBody(HTTPRequest, length: Int)
        /// The head is parsed; the body is chunked and partly decoded.
        case chunkedBody(HTTPRequest, ChunkedBody)
        /// A request was malformed; every later call throws this error.
        case failed(HTTPRequestError)
    }

    /// The limits this parser enforces.
    public let limits: HTTPLimits
    /// Received bytes; those before `readIndex` are consumed.
    var buffer: [UInt8] = []
    /// The first unconsumed byte in `buffer`.
    var readIndex = 0
    /// Where the search for the end of the head resumes, so drip-fed heads are scanned once.
    var headScanIndex = 0
    /// See `State`.
    var state = State.head
    /// Whether the current head asked for `100 Continue` and it has not been reported yet.
    var continuePending = false

    /// The head of the request being received, once parsed and until the request completes
    /// (kept after a body error), so an error response can still carry CORS headers.
    public private(set) var partialRequest: HTTPRequest?

    /// Builds a parser enforcing `limits`.
    public init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
    }

    /// Whether no bytes of a next request have arrived: the connection is idle between
    /// requests rather than in the middle of one.
    public var isIdle: Bool {
        guard case .head = state else { return false }
        return readIndex == buffer.count
    }

    /// Adds received bytes.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Removes and returns the bytes not yet consumed, for a connection upgrade that hands
    /// them to another protocol.
    public mutating func takeUnconsumedBytes() -> [UInt8] {
        let rest = Array(buffer[readIndex...])
        buffer.removeAll()
        readIndex = 0
        headScanIndex = 0
        return rest
    }

    /// Parses as far as the buffered bytes allow.
    public mutating func next() throws(HTTPRequestError) -> Output {
        do throws(HTTPRequestError) {
            return try advance()
        } catch {
            state = .failed(error)
            throw error
        }
    }

    /// One parsing step per state until a request completes or more bytes are needed.
    private mutating func advance() throws(HTTPRequestError) -> Output {
        while true {
            switch state {
            case .failed(let error):
                throw error
            case .head:
                guard let head = try parseHead() else { return .needMore }
                partialRequest = head
                try startBody(of: head)
            case .fixedBody(let head, let length):
                guard buffer.count - readIndex >= length else { return waitForBody() }
                var request = head
                request.body = Array(buffer[readIndex..<readIndex + length])
                readIndex += length
                return finish(request)
            case .chunkedBody(let head, var body):
                guard let decoded = try body.decode(from: buffer, at: &readIndex, limits: limits) else {
                    state = .chunkedBody(head, body)
                    return waitForBody()
                }
                var request = head
                request.body = decoded
                return finish(request)
            }
        }
    }

    /// Picks the body framing from the head's headers (RFC 9112 §6.3).
    private mutating func startBody(of head: HTTPRequest) throws(HTTPRequestError) {
        let framing = try BodyFraming(headers: head.headers, limits: limits)
        switch framing {
        case .chunked:
            state = .chunkedBody(head, ChunkedBody())
        case .length(let length):
            state = .fixedBody(head, length: length)
        }
        let expectsContinue = head.headers["Expect"]?.lowercased() == "100-continue"
        continuePending = expectsContinue && head.version == .http11 && framing != .length(0)
    }

    /// Reports `.continueExpected` once while a body is awaited, otherwise `.needMore`.
    private mutating func waitForBody() -> Output {
        guard continuePending else { return .needMore }
        continuePending = false
        return .continueExpected
    }

    /// Resets for the next pipelined request and returns the finished one.
    private mutating func finish(_ request: HTTPRequest) -> Output {
        state = .head
        partialRequest = nil
        continuePending = false
        headScanIndex = readIndex
        return .request(request)
    }

    /// Drops consumed bytes once they make up at least half the buffer, so a long-lived
    /// connection's buffer stays proportional to what is unread.
    private mutating func compact() {
        guard readIndex > 0, readIndex * 2 >= buffer.count else { return }
        buffer.removeFirst(readIndex)
        headScanIndex = max(0, headScanIndex - readIndex)
        readIndex = 0
    }
}
