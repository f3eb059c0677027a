import Wire

extension WebSocketTestClient {
    /// One read of `socket` racing a timer, so no test waits forever.
    ///
    /// - Returns: the winner (bytes, `[]` at end of input, or `.timedOut`), and any bytes a
    ///   read returned after losing the race, which the caller must not drop.
    static func read(from socket: AsyncSocket, timeout: Duration) async -> (
        winner: Result<[UInt8], Failure>, late: [UInt8]
    ) {
        await withTaskGroup(of: Result<[UInt8], Failure>?.self) { group in
            group.addTask {
                do throws(SocketError) {
                    return .success(try await socket.read())
                } catch {
                    return .failure(.socket(error))
                }
            }
            group.addTask {
                do {
                    try await Task.sleep(for: timeout)
                    return .failure(.timedOut)
                } catch {
                    return nil
                }
            }
            var winner: Result<[UInt8], Failure>?
            var late: [UInt8] = []
            for await outcome in group {
                guard let outcome else { continue }
                if winner == nil {
                    winner = outcome
                    group.cancelAll()
                } else if case .success(let bytes) = outcome {
                    late += bytes
                }
            }
            return (winner ?? .failure(.timedOut), late)
        }
    }
}
