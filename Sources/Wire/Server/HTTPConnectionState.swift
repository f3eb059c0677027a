/// The HTTP/1.1 connection state machine: pure, with every event returning the next action
/// for the I/O shell (`HTTPConnection`) to perform (STYLE §5).
///
/// Requests are answered strictly one after another, which is what keeps pipelined
/// responses in request order (RFC 9112 §9.3.2).
struct HTTPConnectionState: Sendable {
    /// Why the shell reads; decides which timeout applies.
    enum ReadPurpose: Hashable, Sendable {
        /// Between requests: silence ends in a quiet close after the idle timeout.
        case nextRequest
        /// In the middle of a request: silence ends in 408 after the request timeout.
        case restOfRequest
    }

    /// What the shell must do next.
    enum Action: Hashable, Sendable {
        /// Read more bytes and report them with `bytesReceived`, `endOfInput` or
        /// `readTimedOut`.
        case read(ReadPurpose)
        /// Write `100 Continue`, then report `continueSent`.
        case sendContinue
        /// Run the handler and write its response, then report `responseSent`.
        case handle(HTTPRequest)
        /// Answer with the error's response (CORS from the partial request, if any), then
        /// close.
        case fail(HTTPRequestError, partialRequest: HTTPRequest?)
        /// Close the connection without writing anything.
        case close
    }

    /// Where the connection is.
    enum Phase: Hashable, Sendable {
        /// Reading a request.
        case awaitingRequest
        /// A request was handed out; waiting for `responseSent`.
        case responding
        /// Closed or failed; every event answers `.close`.
        case closed
    }

    /// The request parser, holding any pipelined bytes.
    private var parser: HTTPRequestParser
    /// See `Phase`.
    private(set) var phase = Phase.awaitingRequest

    /// Builds the state of a fresh connection.
    init(limits: HTTPLimits) {
        parser = HTTPRequestParser(limits: limits)
    }

    /// The first action of a fresh connection.
    mutating func start() -> Action {
        parseNext()
    }

    /// Bytes arrived.
    mutating func bytesReceived(_ bytes: some Sequence<UInt8>) -> Action {
        switch phase {
        case .awaitingRequest:
            parser.append(bytes)
            return parseNext()
        case .responding, .closed:
            return close()
        }
    }

    /// The client closed its side; a partial request is dropped, since nobody waits for an
    /// answer to it.
    mutating func endOfInput() -> Action {
        close()
    }

    /// A read timed out: idle connections close quietly, partial requests get 408.
    mutating func readTimedOut() -> Action {
        switch phase {
        case .awaitingRequest where !parser.isIdle:
            phase = .closed
            return .fail(.requestTimedOut, partialRequest: parser.partialRequest)
        case .awaitingRequest, .responding, .closed:
            return close()
        }
    }

    /// The `100 Continue` was written; the body comes next.
    mutating func continueSent() -> Action {
        switch phase {
        case .awaitingRequest: .read(.restOfRequest)
        case .responding, .closed: close()
        }
    }

    /// A response was written completely; `keepAlive` says whether the connection may serve
    /// another request (the request allowed it, the body was not a stream, no shutdown).
    mutating func responseSent(keepAlive: Bool) -> Action {
        switch phase {
        case .responding where keepAlive:
            phase = .awaitingRequest
            return parseNext()
        case .responding, .awaitingRequest, .closed:
            return close()
        }
    }

    /// Hands over bytes read past the current request, for a protocol upgrade.
    mutating func takeUnconsumedBytes() -> [UInt8] {
        parser.takeUnconsumedBytes()
    }

    /// Asks the parser for the next request among the buffered bytes.
    private mutating func parseNext() -> Action {
        do throws(HTTPRequestError) {
            switch try parser.next() {
            case .needMore:
                return .read(parser.isIdle ? .nextRequest : .restOfRequest)
            case .continueExpected:
                return .sendContinue
            case .request(let request):
                phase = .responding
                return .handle(request)
            }
        } catch {
            phase = .closed
            return .fail(error, partialRequest: parser.partialRequest)
        }
    }

    /// Moves to `closed`.
    private mutating func close() -> Action {
        phase = .closed
        return .close
    }
}
