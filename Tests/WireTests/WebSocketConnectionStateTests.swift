import Testing

@testable import Wire

/// The close, ping and flow-control decisions, without sockets (STYLE §5).
struct WebSocketConnectionStateTests {
    static func makeState(maxPendingOutboundBytes: Int = 1000) -> WebSocketConnectionState {
        WebSocketConnectionState(
            limits: WebSocketLimits(maxPendingOutboundBytes: maxPendingOutboundBytes), pingInterval: .seconds(5),
            idleTimeout: .seconds(15))
    }

    @Test func deliversMessagesAndAnswersPings() {
        var state = Self.makeState()
        #expect(state.received(.message(.text("a"))) == [.deliver(.text("a"))])
        #expect(state.received(.ping([9])) == [.write(WebSocketFrame(opcode: .pong, payload: [9]))])
        #expect(state.received(.pong([])) == [])
    }

    @Test func echoesThePeersCloseAndStops() {
        var state = Self.makeState()
        #expect(
            state.received(.close(code: .goingAway, reason: "bye"))
                == [.endMessages, .write(.close(code: .goingAway)), .finishWriting])
        #expect(state.phase == .closed)
        #expect(state.received(.message(.text("late"))) == [])
        #expect(state.send(.text("late")) == [])
    }

    @Test func answersAnEmptyCloseWith1000() {
        var state = Self.makeState()
        #expect(
            state.received(.close(code: nil, reason: "")) == [
                .endMessages, .write(.close(code: .normalClosure)), .finishWriting,
            ])
    }

    @Test func serverCloseWaitsForThePeersReply() {
        var state = Self.makeState()
        #expect(
            state.close(code: .normalClosure, reason: "done") == [
                .endMessages, .write(.close(code: .normalClosure, reason: "done")),
            ])
        #expect(state.phase == .closeSent)
        #expect(state.received(.message(.text("ignored"))) == [])
        #expect(state.received(.ping([])) == [])
        #expect(state.received(.close(code: .normalClosure, reason: "")) == [.finishWriting])
        #expect(state.phase == .closed)
    }

    @Test func protocolErrorsCloseWithTheirCode() {
        var state = Self.makeState()
        #expect(state.failed(.invalidUTF8) == [.endMessages, .write(.close(code: .invalidPayload)), .finishWriting])
        #expect(state.failed(.invalidUTF8) == [])
    }

    @Test func pingsEveryTickAndClosesAfterFifteenSilentSeconds() {
        var state = Self.makeState()
        let ping = WebSocketConnectionState.Action.write(WebSocketFrame(opcode: .ping))
        #expect(state.pingTimerFired() == [ping])  // 5 s of silence
        #expect(state.pingTimerFired() == [ping])  // 10 s
        _ = state.received(.pong([]))
        #expect(state.pingTimerFired() == [ping])  // heard: silence resets
        #expect(state.pingTimerFired() == [ping])  // 5 s
        #expect(state.pingTimerFired() == [ping])  // 10 s
        #expect(
            state.pingTimerFired() == [
                .endMessages, .write(.close(code: .goingAway, reason: "idle timeout")), .finishWriting,
            ])
        #expect(state.phase == .closed)
        #expect(state.pingTimerFired() == [])
    }

    @Test func givesUpWaitingForACloseReply() {
        var state = Self.makeState()
        _ = state.close(code: .normalClosure, reason: "")
        #expect(state.pingTimerFired() == [])
        #expect(state.pingTimerFired() == [])
        #expect(state.pingTimerFired() == [.finishWriting])
    }

    @Test func dropsAReaderThatFallsTooFarBehind() {
        var state = Self.makeState(maxPendingOutboundBytes: 100)
        let big = WebSocketFrame(opcode: .text, payload: [UInt8](repeating: 0x61, count: 500))
        // One message always fits an empty queue.
        #expect(state.send(big) == [.write(big)])
        #expect(state.pendingOutboundBytes == big.encodedCount())
        state.wrote(big.encodedCount())
        let small = WebSocketFrame(opcode: .text, payload: [UInt8](repeating: 0x61, count: 40))
        #expect(state.send(small) == [.write(small)])
        #expect(state.send(small) == [.write(small)])
        #expect(state.send(small) == [.endMessages, .abort])
        #expect(state.isAborted)
        #expect(state.phase == .closed)
    }

    @Test func connectionLossAbortsOnce() {
        var state = Self.makeState()
        #expect(state.connectionLost() == [.endMessages, .abort])
        #expect(state.connectionLost() == [])
    }
}
