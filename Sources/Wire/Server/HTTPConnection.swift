import Synchronization

/// The I/O shell around `HTTPConnectionState` for one accepted socket: performs the actions
/// the state machine returns until it says close.
///
/// A connection is served by a task only while it has work. Between keep-alive requests it
/// parks on the readiness loop with no task (`HTTPConnection+Parking`), and requests the
/// server can answer without suspending (`HTTPServer.ImmediateHandler`) are answered right
/// there, on the loop thread; anything else starts a task again.
///
/// A class: it is the parked watch's watcher and is captured by every serving task, and as
/// a struct each capture retained each of its fields (the configuration alone holds
/// several references) once per request. Its one mutable part, the parked state, has a lock.
final class HTTPConnection: Sendable {
    /// The client connection; `finish` closes it.
    let socket: AsyncSocket
    /// Limits, timeouts and clock.
    let configuration: HTTPServer.Configuration
    /// The application's handlers.
    let handlers: HTTPServer.Handlers
    /// Shutdown coordination.
    let control: ConnectionControl
    /// Forgets the connection and closes its socket; called exactly once, when it ends.
    let finish: @Sendable () -> Void
    /// The state while parked, and while the loop thread serves it in place
    /// (`HTTPConnection+Parking`). Stale while a task serves the connection: the task holds
    /// the live copy and stores it back when it parks.
    let parkedState: Mutex<HTTPConnectionState>

    /// A connection on `socket`, not yet served (`start()` does that).
    init(
        socket: AsyncSocket, configuration: HTTPServer.Configuration, handlers: HTTPServer.Handlers,
        control: ConnectionControl, finish: @escaping @Sendable () -> Void
    ) {
        self.socket = socket
        self.configuration = configuration
        self.handlers = handlers
        self.control = control
        self.finish = finish
        parkedState = Mutex(HTTPConnectionState(limits: configuration.limits))
    }

    /// How the task serving the connection stopped.
    enum Ending {
        /// The connection is over: close it.
        case close
        /// Idle between requests with nothing buffered: park it.
        case park(HTTPConnectionState)
    }

    /// Where a serving task begins.
    enum Start: Sendable {
        /// Perform this action.
        case action(HTTPConnectionState.Action)
        /// Finish writing these bytes of a response first, then report `responseSent`.
        case finishWriting([UInt8], keepAlive: Bool)
        /// Write this response, already produced by the immediate handler, to this request.
        case respond(HTTPRequest, HTTPResponse)
        /// Answer this request with the asynchronous handler: the immediate one declined it.
        case declined(HTTPRequest)
    }

    /// Serves a fresh connection: parked until its first bytes arrive.
    func start() {
        var state = HTTPConnectionState(limits: configuration.limits)
        let first = state.start()
        if case .read(.nextRequest) = first, parksWhenIdle {
            park(state)
        } else {
            spawn(state, .action(first))
        }
    }

    /// Whether idle connections park. On a test clock the idle timeout must be measured on
    /// that clock, so those connections wait in their task instead.
    var parksWhenIdle: Bool {
        configuration.clock is ContinuousClock
    }

    /// Starts a task that serves the connection from `state` until it closes or parks.
    func spawn(_ state: HTTPConnectionState, _ start: Start) {
        let generation = control.beginServing()
        let task = Task {
            var state = state
            switch await run(&state, from: start) {
            case .close: finish()
            case .park(let idle): park(idle)
            }
        }
        control.attach(task, generation: generation)
    }

    /// The action loop.
    private func run(_ state: inout HTTPConnectionState, from start: Start) async -> Ending {
        var action: HTTPConnectionState.Action
        switch start {
        case .action(let first):
            action = first
        case .finishWriting(let bytes, let keepAlive):
            guard await send(bytes) else { return .close }
            action = state.responseSent(keepAlive: keepAlive)
        case .respond(let request, let response):
            let keepAlive = await respond(to: request, state: &state, response: response)
            action = state.responseSent(keepAlive: keepAlive)
        case .declined(let request):
            let keepAlive = await respond(to: request, state: &state, triesImmediately: false)
            action = state.responseSent(keepAlive: keepAlive)
        }
        while true {
            switch action {
            case .read(.nextRequest) where parksWhenIdle:
                // Park only once a read finds nothing: edge-triggered readiness is reported
                // again only for new bytes, and bytes or a FIN that arrived with the ones
                // already read had their report consumed.
                switch readNow(state: &state) {
                case nil: return .park(state)
                case let next?: action = next.action
                }
            case .read(let purpose):
                action = await read(for: purpose, state: &state)
            case .sendContinue:
                guard await send(HTTPResponse.continueHead) else { return .close }
                action = state.continueSent()
            case .handle(let request):
                _ = control.enter(.handling)
                let keepAlive = await respond(to: request, state: &state)
                action = state.responseSent(keepAlive: keepAlive)
            case .fail(let error, let partialRequest):
                var response = error.response
                if let partialRequest { CORSPolicy.addHeaders(to: &response, for: partialRequest) }
                _ = await send(bytes(of: response, keepAlive: false, version: .http11, includeBody: true))
                return .close
            case .close:
                return .close
            }
        }
    }

    /// Reads what is available without waiting and reports it to `state`.
    ///
    /// The bytes go from this thread's scratch buffer straight into the parser, with no
    /// buffer allocated for the read.
    ///
    /// - Returns: the next action and whether the read came back short of a full buffer
    ///   (the socket had nothing more then), or nil when nothing was available.
    func readNow(state: inout HTTPConnectionState) -> (action: HTTPConnectionState.Action, isShort: Bool)? {
        ReceiveScratch.withBuffer { scratch in
            let count: Int
            do throws(SocketError) {
                guard let received = try socket.socket.receiveNow(into: scratch) else { return nil }
                count = received
            } catch {
                return (.close, true)
            }
            let bytes = UnsafeBufferPointer(rebasing: scratch.bindMemory(to: UInt8.self)[..<count])
            return (received(bytes, state: &state), count < scratch.count)
        }
    }

    /// Reports what one read returned to `state`: bytes, or end of input when empty.
    private func received(
        _ bytes: some Collection<UInt8>, state: inout HTTPConnectionState
    ) -> HTTPConnectionState.Action {
        guard !bytes.isEmpty else { return state.endOfInput() }
        _ = control.enter(.receiving)
        return state.bytesReceived(bytes)
    }

    /// Reads once with the timeout that fits `purpose` and reports the outcome to `state`.
    private func read(for purpose: HTTPConnectionState.ReadPurpose, state: inout HTTPConnectionState) async
        -> HTTPConnectionState.Action
    {
        let timeout: Duration
        switch purpose {
        case .nextRequest:
            guard control.enter(.idle) else { return .close }
            timeout = configuration.idleTimeout
        case .restOfRequest:
            timeout = configuration.requestTimeout
        }
        switch await socket.read(timeout: timeout, clock: configuration.clock) {
        case .success(let bytes):
            return received(bytes, state: &state)
        case .failure(.timedOut):
            return state.readTimedOut()
        case .failure:
            return .close
        }
    }

    /// Writes `bytes` within the write timeout; `false` when the connection is unusable.
    func send(_ bytes: [UInt8]) async -> Bool {
        switch await socket.write(bytes, timeout: configuration.writeTimeout, clock: configuration.clock) {
        case .success: true
        case .failure: false
        }
    }

    /// The head and, unless `includeBody` is false (HEAD requests), the body of a complete
    /// response.
    func bytes(of response: HTTPResponse, keepAlive: Bool, version: HTTPVersion, includeBody: Bool) -> [UInt8] {
        let body: [UInt8]
        switch response.body {
        case .bytes(let bytes): body = bytes
        case .stream, .upgrade: body = []
        }
        return response.encoded(
            framing: .contentLength(body.count), keepAlive: keepAlive, requestVersion: version,
            body: includeBody ? body : [])
    }
}
