extension AsyncSocket {
    /// Reads the next bytes, giving up with `.timedOut` after `timeout` on `clock`.
    ///
    /// On the real clock the readiness loop enforces the deadline, with no timer task; any
    /// other clock (a test's) races the read against `clock.sleep`. An empty array means end
    /// of input.
    func read(timeout: Duration, clock: any Clock<Duration>) async -> Result<[UInt8], SocketError> {
        do throws(SocketError) {
            if let bytes = try readIfAvailable() { return .success(bytes) }
            if clock is ContinuousClock { return .success(try await read(deadline: .now + timeout)) }
        } catch {
            return .failure(error)
        }
        return await Self.withTimeout(timeout, clock: clock) { () async throws(SocketError) in
            try await read()
        }
    }

    /// Writes all of `bytes`, giving up with `.timedOut` when the client stops reading for
    /// longer than `timeout`.
    func write(_ bytes: [UInt8], timeout: Duration, clock: any Clock<Duration>) async -> Result<Void, SocketError> {
        let remaining: ArraySlice<UInt8>
        do throws(SocketError) {
            remaining = try writeWithoutWaiting(bytes[...])
        } catch {
            return .failure(error)
        }
        guard !remaining.isEmpty else { return .success(()) }
        let rest = Array(remaining)
        if clock is ContinuousClock {
            do throws(SocketError) {
                return .success(try await write(rest, deadline: .now + timeout))
            } catch {
                return .failure(error)
            }
        }
        return await Self.withTimeout(timeout, clock: clock) { () async throws(SocketError) in
            try await write(rest)
        }
    }

    /// Races `operation` against a timer; the loser is cancelled.
    ///
    /// Cancelling the task cancels both, and `operation` then fails with `.cancelled`.
    static func withTimeout<Value: Sendable>(
        _ timeout: Duration,
        clock: any Clock<Duration>,
        operation: @escaping @Sendable () async throws(SocketError) -> Value
    ) async -> Result<Value, SocketError> {
        await withTaskGroup(of: Result<Value, SocketError>?.self) { group in
            group.addTask {
                do throws(SocketError) {
                    return .success(try await operation())
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                do {
                    try await clock.sleep(for: timeout)
                    return .failure(.timedOut)
                } catch {
                    return nil
                }
            }
            defer { group.cancelAll() }
            while let outcome = await group.next() {
                if let outcome { return outcome }
            }
            return .failure(.cancelled)
        }
    }
}
