extension HTTPServer {
    /// How long to wait before accepting again after `accept` failed for another reason than
    /// shutdown (typically `EMFILE`), so a full descriptor table does not spin the loop.
    static let acceptRetryDelay = Duration.milliseconds(50)

    /// Accepts connections until the listener is interrupted; returns when the last
    /// connection has closed.
    ///
    /// Connections are not child tasks: one is served by a task only while it has work, and
    /// parks on the readiness loop in between (`HTTPConnection+Parking`). The registry is
    /// what knows them all.
    static func acceptConnections(
        on listener: TCPListener,
        connections: ConnectionRegistry,
        configuration: Configuration,
        handlers: Handlers
    ) async {
        let loops = configuration.connectionLoops
        var accepted = 0
        while true {
            let socket: AsyncSocket
            do throws(SocketError) {
                socket = try await listener.accept(onto: loops.isEmpty ? nil : loops[accepted % loops.count])
                accepted &+= 1
            } catch .interrupted, .cancelled {
                break
            } catch {
                try? await configuration.clock.sleep(for: acceptRetryDelay)
                continue
            }
            guard let (id, control) = connections.register() else {
                socket.close()
                break
            }
            let finish = OnceAction {
                socket.close()
                connections.remove(id)
            }
            let connection = HTTPConnection(
                socket: socket, configuration: configuration, handlers: handlers, control: control,
                finish: { finish() })
            connection.start()
        }
        listener.close()
        await connections.waitUntilEmpty()
    }
}
