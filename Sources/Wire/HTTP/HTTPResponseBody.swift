/// What the server sends after a response head.
public enum HTTPResponseBody: Sendable {
    /// A complete body, sent with `Content-Length`; the connection may then serve the next
    /// request.
    case bytes([UInt8])
    /// A body produced over time, for Server-Sent Events (protocol-http §6.2).
    ///
    /// Each element is written and flushed as soon as it is yielded, as one chunk of a
    /// chunked body (HTTP/1.1) or raw bytes on a close-delimited body (HTTP/1.0); empty
    /// elements are skipped. The connection closes after the stream finishes. If the client
    /// disconnects or the server shuts down, the server stops iterating, which terminates the
    /// stream as `.cancelled`: producers free their session in
    /// `AsyncStream.Continuation.onTermination`.
    case stream(AsyncStream<[UInt8]>)
    /// Hands the raw connection to another protocol, for WebSocket.
    ///
    /// The server writes the head as given (normally `101 Switching Protocols` with the
    /// handler's `Connection`/`Upgrade` headers, which it leaves alone), then calls the
    /// closure with the connection and any bytes the client already sent past the request.
    /// The closure owns the connection until it returns; the server closes the socket after.
    /// On server shutdown the closure's task is cancelled, so its reads throw `.cancelled`.
    case upgrade(@Sendable (HTTPUpgradedConnection) async -> Void)
}
