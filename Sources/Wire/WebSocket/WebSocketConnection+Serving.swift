/// The tasks behind a connection: reader, writer, ping timer and the application handler.
extension WebSocketConnection {
    /// Serves a WebSocket on an upgraded connection until it closes, calling `handler` with
    /// it; returns when every task has ended, after which the HTTP server closes the socket.
    ///
    /// The writer ending (after the final close frame, a failed write or an abort) ends the
    /// connection: the other tasks are cancelled, and `messages` is finished so the handler's
    /// loop ends too. When the handler returns first, the connection is closed normally.
    public static func serve(
        _ upgraded: HTTPUpgradedConnection,
        configuration: Configuration = Configuration(),
        handler: @escaping @Sendable (WebSocketConnection) async -> Void
    ) async {
        let connection = WebSocketConnection(
            socket: upgraded.socket, request: upgraded.request, configuration: configuration)
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await connection.writeFrames()
                return true
            }
            group.addTask {
                await connection.readFrames(startingWith: upgraded.initialBytes)
                return false
            }
            group.addTask {
                await connection.sendPings()
                return false
            }
            group.addTask {
                await handler(connection)
                connection.close()
                return false
            }
            while let writerEnded = await group.next(), !writerEnded {}
            connection.apply { $0.connectionLost() }
            group.cancelAll()
        }
    }

    /// Parses incoming bytes and feeds every event to the state machine, until a close, a
    /// protocol error or the end of the connection.
    func readFrames(startingWith initialBytes: [UInt8]) async {
        var parser = WebSocketParser(role: .server, maxMessageBytes: configuration.limits.maxMessageBytes)
        parser.append(initialBytes)
        while true {
            do throws(WebSocketError) {
                while let event = try parser.next() {
                    apply { $0.received(event) }
                }
            } catch {
                apply { $0.failed(error) }
                return
            }
            if inspect({ $0.phase == .closed }) { return }
            let bytes: [UInt8]
            do {
                bytes = try await socket.read()
            } catch {
                apply { $0.connectionLost() }
                return
            }
            guard !bytes.isEmpty else {
                apply { $0.connectionLost() }
                return
            }
            parser.append(bytes)
        }
    }

    /// Writes queued frames in order; one writer per connection (STYLE §7).
    func writeFrames() async {
        for await frame in outboundFrames {
            if inspect({ $0.isAborted }) { return }
            switch await socket.write(frame, timeout: configuration.writeTimeout, clock: configuration.clock) {
            case .success:
                apply { state in
                    state.wrote(frame.count)
                    return []
                }
            case .failure:
                apply { $0.connectionLost() }
                return
            }
        }
    }

    /// Ticks the ping timer every `pingInterval` until the connection closes.
    func sendPings() async {
        while inspect({ $0.phase != .closed }) {
            do {
                try await configuration.clock.sleep(for: configuration.pingInterval)
            } catch {
                return
            }
            apply { $0.pingTimerFired() }
        }
    }
}
