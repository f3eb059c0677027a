extension HTTPConnection: ReadinessWatcher {
    /// Leaves an idle keep-alive connection on the readiness loop, holding no task, until
    /// the next request's bytes arrive, the idle timeout passes, or shutdown interrupts it.
    ///
    /// Most keep-alive requests are small and answered without suspending (`/health`, an
    /// admin query on a loaded app). Served by a task, each cost a wait registration, a
    /// continuation, a hop from the loop thread to the task pool and back, and a read that
    /// found nothing; parked, the loop thread reads, answers and writes in one go.
    ///
    /// The connection is its own watcher and keeps the idle state in `parkedState`, where
    /// the loop thread serves it in place: a closure capturing the state, then moving the
    /// state in and out of an optional, cost an allocation and several copies per request.
    func park(_ state: consuming HTTPConnectionState) {
        let idle = state
        parkedState.withLock { $0 = idle }
        watchParked()
    }

    /// Watches the socket of a parked connection, whose state is in `parkedState`.
    private func watchParked() {
        while let generation = control.park() {
            let deadline = ContinuousClock.now + configuration.idleTimeout
            let loop = socket.loop
            switch loop.watch(socket.socket, for: .read, deadline: deadline, watcher: self) {
            case .watching(let id):
                // Shutdown ends the watch by its id; if it came first, end it here.
                if !control.parked(generation: generation, loop: loop, watch: id) { loop.endWatch(id) }
                return
            case .failed:
                finish()
                return
            case .ready:
                // Readiness reported earlier, of unknown kind: read until a read finds nothing.
                guard parkedState.withLock({ serveReady(&$0, afterCleanEdge: false) }) else { return }
            }
        }
        finish()
    }

    /// The parked wait ended: bytes arrived, the idle timeout passed (a quiet close), or the
    /// socket was interrupted by shutdown.
    ///
    /// Serves under the state's lock, which nobody else wants meanwhile: a watch ends
    /// exactly once, and a task handed the connection gets its own copy of the state.
    public func readinessEnded(_ outcome: Result<Bool, SocketError>) {
        guard case .success(let isCleanEdge) = outcome else {
            finish()
            return
        }
        if parkedState.withLock({ serveReady(&$0, afterCleanEdge: isCleanEdge) }) { watchParked() }
    }

    /// Reads what has arrived and answers every complete request the immediate handler
    /// can answer, on the calling thread; hands the connection to a task for anything that
    /// must wait (the rest of a request, an asynchronous handler, a full send buffer).
    ///
    /// - Parameter afterCleanEdge: the wake-up was a clean edge (`ReadinessEvent.isCleanEdge`):
    ///   then a first read that comes back short has drained the socket, and the read that
    ///   would find nothing is skipped (a syscall per request).
    /// - Returns: `true` when the connection is idle again with the socket drained (park
    ///   it); `false` when it was handed to a task or finished.
    private func serveReady(_ state: inout HTTPConnectionState, afterCleanEdge: Bool) -> Bool {
        var drainsOnShortRead = afterCleanEdge
        // Otherwise until a read finds nothing: only then will new bytes be reported again.
        while let (first, isShort) = readNow(state: &state) {
            var action = first
            let drained = drainsOnShortRead && isShort
            drainsOnShortRead = false
            while case .handle(let request) = action {
                _ = control.enter(.handling)
                guard let response = immediateResponse(to: request) else {
                    handOver(&state, .declined(request))
                    return false
                }
                guard let keepAlive = writeNow(response, to: request, state: &state) else { return false }
                action = state.responseSent(keepAlive: keepAlive)
            }
            switch action {
            case .read(.nextRequest) where drained:
                return true
            case .read(.nextRequest):
                continue
            case .close:
                finish()
                return false
            case .read(.restOfRequest), .sendContinue, .handle, .fail:
                handOver(&state, .action(action))
                return false
            }
        }
        return true
    }

    /// Writes an immediate response without waiting; a response that does not fit the
    /// send buffer, or is not a complete body, is finished by a task.
    ///
    /// - Returns: whether the connection may serve another request, once the whole
    ///   response is written; nil when a task took over or the connection was finished.
    private func writeNow(
        _ response: HTTPResponse, to request: HTTPRequest, state: inout HTTPConnectionState
    ) -> Bool? {
        guard case .bytes = response.body else {
            handOver(&state, .respond(request, response))
            return nil
        }
        let (encoded, keepAlive) = completeResponse(response, to: request)
        let remaining: ArraySlice<UInt8>
        do throws(SocketError) {
            remaining = try socket.writeWithoutWaiting(encoded[...])
        } catch {
            finish()
            return nil
        }
        guard remaining.isEmpty else {
            handOver(&state, .finishWriting(Array(remaining), keepAlive: keepAlive))
            return nil
        }
        return keepAlive
    }

    /// Hands the connection to a task that starts with `start`, moving `state` to it and
    /// leaving a fresh one in place, so the copy left behind keeps no buffer alive while
    /// the task serves.
    private func handOver(_ state: inout HTTPConnectionState, _ start: Start) {
        var handed = HTTPConnectionState(limits: configuration.limits)
        swap(&handed, &state)
        spawn(handed, start)
    }
}
