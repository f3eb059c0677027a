extension HTTPServer {
    /// How long to wait before accepting again after `accept` failed for another reason than
    /// shutdown (typically `EMFILE`), so a full descriptor table does not spin the loop.
    static let acceptRetryDelay = Duration.milliseconds(50)

    /// Accepts connections until the listener is interrupted, serving each in a child task;
    /// returns when the last connection has closed.
    static func acceptConnections(
        on listener: TCPListener,
        connections: ConnectionRegistry,
        configuration: Configuration,
        handler: @escaping Handler
    ) async {
        await withDiscardingTaskGroup { group in
            while true {
                let socket: AsyncSocket
                do throws(SocketError) {
                    socket = try await listener.accept()
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
                group.addTask {
                    let connection = HTTPConnection(
                        socket: socket, configuration: configuration, handler: handler, control: control)
                    await connection.serve()
                    connections.remove(id)
                    socket.close()
                }
            }
            listener.close()
        }
    }
}
