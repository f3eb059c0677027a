/// The size limits the request parser enforces, each answered with its own status.
///
/// Upstream has no request-size limit (protocol-http §1.6); these only bound memory so one
/// misbehaving client cannot exhaust the dev server.
public struct HTTPLimits: Hashable, Sendable {
    /// Default for `maxHeaderBytes`: 64 KiB, far above any client in this API (the biggest
    /// heads carry a bearer token and a few telemetry headers) yet small enough to stop an
    /// endless head early.
    public static let defaultMaxHeaderBytes = 64 * 1024
    /// Default for `maxBodyBytes`: 64 MiB, room for storage uploads of test fixtures.
    public static let defaultMaxBodyBytes = 64 * 1024 * 1024
    /// Longest chunk-size line (hex size plus extensions) accepted in a chunked body; real
    /// clients send a few bytes, so anything longer is garbage.
    public static let maxChunkLineBytes = 1024

    /// The most bytes a request line plus headers (or a chunked body's trailers) may take;
    /// beyond it the request is answered 431.
    public var maxHeaderBytes: Int
    /// The most bytes a request body may take after removing chunked framing; beyond it the
    /// request is answered 413, as soon as `Content-Length` announces it.
    public var maxBodyBytes: Int

    /// Builds limits, defaulting each to its documented constant.
    public init(maxHeaderBytes: Int = defaultMaxHeaderBytes, maxBodyBytes: Int = defaultMaxBodyBytes) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
    }
}
