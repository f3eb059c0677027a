extension HTTPConnection {
    /// Produces the response to `request` (the server's own CORS preflight answer, or the
    /// handler's) and writes it.
    ///
    /// A handler ends the connection after its response by setting `Connection: close`.
    ///
    /// - Parameters:
    ///   - produced: the response when the immediate handler already produced it.
    ///   - triesImmediately: false when the immediate handler already declined the request
    ///     (on the loop thread), so it is not asked twice.
    /// - Returns: whether the connection may serve another request.
    func respond(
        to request: HTTPRequest, state: inout HTTPConnectionState, response produced: HTTPResponse? = nil,
        triesImmediately: Bool = true
    ) async -> Bool {
        var response: HTTPResponse
        if let ready = produced ?? (triesImmediately ? immediateResponse(to: request) : nil) {
            response = ready
        } else {
            response = await handlers.handler(request)
        }
        switch response.body {
        case .bytes:
            let (encoded, keepAlive) = completeResponse(response, to: request)
            return await send(encoded) && keepAlive
        case .stream(let chunks):
            CORSPolicy.addHeaders(to: &response, for: request)
            guard control.enter(.streaming) else { return false }
            let chunked = request.version == .http11
            let head = response.encodedHead(
                framing: chunked ? .chunked : .untilClose, keepAlive: false, requestVersion: request.version)
            guard await send(head), request.method != .head else { return false }
            await stream(chunks, chunked: chunked)
            return false
        case .upgrade(let takeOver):
            CORSPolicy.addHeaders(to: &response, for: request)
            guard control.enter(.streaming) else { return false }
            let head = response.encodedHead(framing: .upgrade, keepAlive: false, requestVersion: request.version)
            guard await send(head) else { return false }
            let upgraded = HTTPUpgradedConnection(
                request: request, initialBytes: state.takeUnconsumedBytes(), socket: socket)
            await takeOver(upgraded)
            return false
        }
    }

    /// The bytes to send for `response`, whose body is complete, and whether the connection
    /// may serve another request after them. A prepared response's kept encoding is sent as
    /// it is when the request needs nothing added (`HTTPResponse.prepared()`).
    func completeResponse(_ response: HTTPResponse, to request: HTTPRequest) -> (bytes: [UInt8], keepAlive: Bool) {
        if let kept = response.keptEncoding(fitting: request), !control.isDraining { return (kept, true) }
        var response = response
        CORSPolicy.addHeaders(to: &response, for: request)
        let keepAlive = keepsAlive(after: response, to: request)
        let encoded = bytes(
            of: response, keepAlive: keepAlive, version: request.version, includeBody: request.method != .head)
        return (encoded, keepAlive)
    }

    /// The server's own CORS preflight answer, or the immediate handler's response; nil when
    /// only the asynchronous handler can answer.
    func immediateResponse(to request: HTTPRequest) -> HTTPResponse? {
        if let preflight = CORSPolicy.preflightResponse(for: request) { return preflight }
        return handlers.immediate?(request)
    }

    /// Whether the connection may serve another request after `response`: the request
    /// allowed it, the handler did not ask to close, and the server is not draining.
    func keepsAlive(after response: HTTPResponse, to request: HTTPRequest) -> Bool {
        // Most responses have no `Connection` field: skip splitting it into tokens.
        let handlerCloses =
            response.headers.contains("Connection") && response.headers.tokens(for: "Connection").contains("close")
        return request.keepAlive && !handlerCloses && !control.isDraining
    }

    /// Writes each element of `chunks` as soon as it arrives, until the stream finishes, the
    /// client leaves, or the task is cancelled.
    ///
    /// A sibling task reads the socket only to notice the client closing; without it a
    /// silent event stream would never learn its client is gone (protocol-http §6.5 requires
    /// freeing the query). Bytes the client sends meanwhile are discarded.
    private func stream(_ chunks: AsyncStream<[UInt8]>, chunked: Bool) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [self] in
                for await chunk in chunks where !chunk.isEmpty {
                    guard await send(chunked ? HTTPResponse.encodedChunk(chunk) : chunk) else { return }
                }
                if chunked, !Task.isCancelled {
                    _ = await send(HTTPResponse.finalChunk)
                }
            }
            group.addTask { [self] in
                while let bytes = try? await socket.read(), !bytes.isEmpty {}
            }
            await group.next()
            group.cancelAll()
        }
    }
}
