/// The I/O shell around `HTTPConnectionState` for one accepted socket: performs the actions
/// the state machine returns until it says close.
struct HTTPConnection: Sendable {
    /// The client connection; closed by the accept loop after `serve()` returns.
    let socket: AsyncSocket
    /// Limits, timeouts and clock.
    let configuration: HTTPServer.Configuration
    /// The application handler.
    let handler: HTTPServer.Handler
    /// Shutdown coordination.
    let control: ConnectionControl

    /// Serves requests until the connection ends, or until shutdown cancels it.
    ///
    /// The cancel watcher is a sibling task, so a shutdown request cancels `run()` (and with
    /// it any suspended read, stream or upgrade) without unstructured tasks.
    func serve() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await run() }
            group.addTask { await control.waitForCancelRequest() }
            await group.next()
            group.cancelAll()
        }
    }

    /// The action loop.
    private func run() async {
        var state = HTTPConnectionState(limits: configuration.limits)
        var action = state.start()
        while true {
            switch action {
            case .read(let purpose):
                action = await read(for: purpose, state: &state)
            case .sendContinue:
                guard await send(HTTPResponse.continueHead) else { return }
                action = state.continueSent()
            case .handle(let request):
                _ = control.enter(.handling)
                let keepAlive = await respond(to: request, state: &state)
                action = state.responseSent(keepAlive: keepAlive)
            case .fail(let error, let partialRequest):
                var response = error.response
                if let partialRequest { CORSPolicy.addHeaders(to: &response, for: partialRequest) }
                _ = await send(bytes(of: response, keepAlive: false, version: .http11, includeBody: true))
                return
            case .close:
                return
            }
        }
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
        case .success(let bytes) where bytes.isEmpty:
            return state.endOfInput()
        case .success(let bytes):
            _ = control.enter(.receiving)
            return state.bytesReceived(bytes)
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
        let head = response.encodedHead(
            framing: .contentLength(body.count), keepAlive: keepAlive, requestVersion: version)
        return includeBody ? head + body : head
    }
}
