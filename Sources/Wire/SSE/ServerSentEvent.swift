/// Server-Sent Events framing (WHATWG HTML §9.2, protocol-http §6.3): what the SSE
/// responses write, one element of the response stream per event.
public enum ServerSentEvent {
    /// How long a client waits before reconnecting, in milliseconds. Upstream sends
    /// `retry:500` first; the JS default would be 3000 ms.
    public static let reconnectDelayMilliseconds = 500

    /// `retry:<ms>` and the blank line ending the event.
    public static var retry: [UInt8] { Array("retry:\(reconnectDelayMilliseconds)\n\n".utf8) }

    /// A comment line, ignored by clients; sent when idle so proxies and the Python SDK
    /// (which drops a stream after 60 s of silence) keep the stream.
    public static let keepAlive: [UInt8] = Array(":\n\n".utf8)

    /// One default-type event whose data is `payload`, a compact single-line JSON text
    /// (`data:` without a space, as upstream writes it). A payload containing line feeds
    /// is split over several `data:` lines, which clients join back with `\n`.
    public static func data(_ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(payload.count + 8)
        for line in payload.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            out += Array("data:".utf8)
            out += line
            out.append(UInt8(ascii: "\n"))
        }
        out.append(UInt8(ascii: "\n"))
        return out
    }
}
