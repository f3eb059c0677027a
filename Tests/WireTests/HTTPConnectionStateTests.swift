import Testing

@testable import Wire

struct HTTPConnectionStateTests {
    /// The request a `.handle` action carries, or `nil` for any other action.
    func handled(_ action: HTTPConnectionState.Action) -> HTTPRequest? {
        if case .handle(let request) = action { return request }
        return nil
    }

    @Test func startsByWaitingForARequest() {
        var state = HTTPConnectionState(limits: HTTPLimits())
        #expect(state.start() == .read(.nextRequest))
    }

    @Test func servesPipelinedRequestsOneAfterAnother() {
        var state = HTTPConnectionState(limits: HTTPLimits())
        _ = state.start()
        let action = state.bytesReceived(Array("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\nGET /c".utf8))
        #expect(handled(action)?.path == "/a")
        #expect(handled(state.responseSent(keepAlive: true))?.path == "/b")
        #expect(state.responseSent(keepAlive: true) == .read(.restOfRequest))
        #expect(handled(state.bytesReceived(Array(" HTTP/1.1\r\n\r\n".utf8)))?.path == "/c")
        #expect(state.responseSent(keepAlive: true) == .read(.nextRequest))
    }

    @Test func closesAfterAResponseThatEndsTheConnection() {
        var state = HTTPConnectionState(limits: HTTPLimits())
        _ = state.start()
        _ = state.bytesReceived(Array("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n".utf8))
        #expect(state.responseSent(keepAlive: false) == .close)
        #expect(state.bytesReceived(Array("GET /c HTTP/1.1\r\n\r\n".utf8)) == .close)
    }

    @Test func closesQuietlyWhenIdleTimesOut() {
        var state = HTTPConnectionState(limits: HTTPLimits())
        _ = state.start()
        #expect(state.readTimedOut() == .close)
    }

    @Test func answers408WhenARequestStalls() {
        var state = HTTPConnectionState(limits: HTTPLimits())
        _ = state.start()
        #expect(state.bytesReceived(Array("GET / HTTP/1.1\r\nOrigin: http://app\r\n".utf8)) == .read(.restOfRequest))
        #expect(state.readTimedOut() == .fail(.requestTimedOut, partialRequest: nil))
        #expect(state.phase == .closed)
    }

    @Test func keepsThePartialRequestForBodyErrors() {
        var state = HTTPConnectionState(limits: HTTPLimits(maxBodyBytes: 1))
        _ = state.start()
        let action = state.bytesReceived(
            Array("POST / HTTP/1.1\r\nOrigin: http://app\r\nContent-Length: 2\r\n\r\n".utf8))
        guard case .fail(.bodyTooLarge(limit: 1), let partial) = action else {
            Issue.record("expected bodyTooLarge, got \(action)")
            return
        }
        #expect(partial?.headers["Origin"] == "http://app")
    }

    @Test func asksForContinueThenReadsTheBody() {
        var state = HTTPConnectionState(limits: HTTPLimits())
        _ = state.start()
        let head = "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"
        #expect(state.bytesReceived(Array(head.utf8)) == .sendContinue)
        #expect(state.continueSent() == .read(.restOfRequest))
        #expect(handled(state.bytesReceived(Array("ok".utf8)))?.body == Array("ok".utf8))
    }

    @Test func dropsAPartialRequestAtEndOfInput() {
        var state = HTTPConnectionState(limits: HTTPLimits())
        _ = state.start()
        _ = state.bytesReceived(Array("GET / HTTP/1.1\r\n".utf8))
        #expect(state.endOfInput() == .close)
        #expect(state.phase == .closed)
    }

    @Test func ignoresEventsAfterFailing() {
        var state = HTTPConnectionState(limits: HTTPLimits())
        _ = state.start()
        #expect(state.bytesReceived(Array("NOPE\r\n\r\n".utf8)) == .fail(.malformedRequestLine, partialRequest: nil))
        #expect(state.bytesReceived(Array("GET / HTTP/1.1\r\n\r\n".utf8)) == .close)
        #expect(state.responseSent(keepAlive: true) == .close)
    }
}
