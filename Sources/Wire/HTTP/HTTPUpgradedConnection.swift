/// A connection handed over by an `.upgrade` response, for protocols such as WebSocket.
///
/// Reads and writes may run concurrently from a reader and a writer task. Do not close the
/// socket: the server closes it when the upgrade closure returns.
public struct HTTPUpgradedConnection: Sendable {
    /// The request that asked for the upgrade (with its `Sec-WebSocket-Key` and the like).
    public let request: HTTPRequest
    /// Bytes the client sent after the request head that the HTTP parser already read; the
    /// new protocol must consume these before reading from `socket`.
    public let initialBytes: [UInt8]
    /// The connection; `read` and `write` suspend on the readiness loop.
    public let socket: AsyncSocket

    /// Builds the hand-over value; the server does this, tests may too.
    public init(request: HTTPRequest, initialBytes: [UInt8], socket: AsyncSocket) {
        self.request = request
        self.initialBytes = initialBytes
        self.socket = socket
    }
}
