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
    ///
    /// The head being completed lives only in `partialRequest`, not in these payloads: a copy
    /// in both cost a retain and release of each of its strings and arrays per request.
    enum State: Sendable {
        /// Waiting for the blank line that ends the request head.
        case head
        /// The head is parsed (in `partialRequest`); the body is `length` bytes.
        case fixedBody(length: Int)
        /// The head is parsed (in `partialRequest`); the body is chunked and partly decoded
        /// in `chunkedBody`.
        case chunkedBody
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
    /// Line feeds seen by the search for the end of the current head: about its field count,
    /// so the headers are allocated once.
    var headLineFeeds = 0
    /// The last head the common-head path parsed, whose strings the next head reuses where
    /// it repeats them.
    var recentHead = HTTPRecentHead()
    /// The chunked body being decoded in `.chunkedBody`, kept out of the enum so appending to
    /// it does not copy what was decoded so far.
    var chunkedBody = ChunkedBody()

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

    /// Adds received bytes from a read buffer the caller reuses; copies them with one
    /// `memcpy` (the generic `append`, unspecialized across the module boundary, went
    /// through the `Sequence` witnesses).
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Adds received bytes from an array, without the generic `Sequence` path.
    public mutating func append(_ bytes: [UInt8]) {
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
        headLineFeeds = 0
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
                guard case (var head, let summary)? = try parseHead() else { return .needMore }
                let framing: BodyFraming
                do throws(HTTPRequestError) {
                    framing = try bodyFraming(of: head, summary)
                } catch {
                    // Kept so the error response can still carry CORS headers.
                    partialRequest = head
                    throw error
                }
                switch framing {
                case .length(let length) where buffer.count - readIndex >= length:
                    // Nearly every request: its whole body (or none, like `/health`) is
                    // buffered, so the head is never parked in `partialRequest`.
                    if length > 0 { head.body = takeBody(length) }
                    return finish(head)
                case .length(let length):
                    state = .fixedBody(length: length)
                case .chunked:
                    state = .chunkedBody
                }
                partialRequest = head
            case .fixedBody(let length):
                guard buffer.count - readIndex >= length else { return waitForBody() }
                return finish(takePartialRequest(body: takeBody(length)))
            case .chunkedBody:
                guard let decoded = try chunkedBody.decode(from: buffer, at: &readIndex, limits: limits) else {
                    return waitForBody()
                }
                chunkedBody = ChunkedBody()
                return finish(takePartialRequest(body: decoded))
            }
        }
    }

    /// Picks the body framing from the head's headers (RFC 9112 §6.3), and whether a
    /// `100 Continue` is owed before the body.
    private mutating func bodyFraming(
        of head: HTTPRequest, _ summary: HeadSummary
    ) throws(HTTPRequestError) -> BodyFraming {
        let framing = try summary.framing(of: head.headers, limits: limits)
        let expectsContinue = summary.hasExpect && head.headers["Expect"]?.lowercased() == "100-continue"
        continuePending = expectsContinue && head.version == .http11 && framing != .length(0)
        return framing
    }

    /// Consumes the next `length` buffered bytes as a body.
    private mutating func takeBody(_ length: Int) -> [UInt8] {
        let body = Array(buffer[readIndex..<readIndex + length])
        readIndex += length
        return body
    }

    /// The parked head with its body, leaving `partialRequest` empty so the request is not
    /// shared with it.
    private mutating func takePartialRequest(body: [UInt8]) -> HTTPRequest {
        guard var request = partialRequest else { preconditionFailure("a body state without a parked head") }
        partialRequest = nil
        request.body = body
        return request
    }

    /// Reports `.continueExpected` once while a body is awaited, otherwise `.needMore`.
    private mutating func waitForBody() -> Output {
        guard continuePending else { return .needMore }
        continuePending = false
        return .continueExpected
    }

    /// Resets for the next pipelined request and returns the finished one.
    ///
    /// `partialRequest` is already empty here (`takePartialRequest`); clearing it again cost
    /// a generic destroy of an optional request, 150 instructions, per request.
    private mutating func finish(_ request: HTTPRequest) -> Output {
        state = .head
        continuePending = false
        headScanIndex = readIndex
        headLineFeeds = 0
        return .request(request)
    }

    /// Drops consumed bytes once they make up at least half the buffer, so a long-lived
    /// connection's buffer stays proportional to what is unread.
    ///
    /// When everything was consumed (the usual case between keep-alive requests) the buffer
    /// is emptied in place, keeping its capacity for the next read.
    private mutating func compact() {
        guard readIndex > 0, readIndex * 2 >= buffer.count else { return }
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
        } else {
            buffer.removeFirst(readIndex)
        }
        headScanIndex = max(0, headScanIndex - readIndex)
        readIndex = 0
    }
}
