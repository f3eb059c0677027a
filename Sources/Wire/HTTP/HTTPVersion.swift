/// The protocol version from a request line; only HTTP/1.0 and HTTP/1.1 are served.
public struct HTTPVersion: Hashable, Sendable, CustomStringConvertible {
    /// The major version, always 1 for requests that parse.
    public let major: Int
    /// The minor version, 0 or 1.
    public let minor: Int

    /// Builds a version; the parser only produces 1.0 and 1.1.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// HTTP/1.0: connections close after each response unless the client asks for keep-alive.
    public static let http10 = HTTPVersion(major: 1, minor: 0)
    /// HTTP/1.1: persistent connections by default, chunked transfer coding available.
    public static let http11 = HTTPVersion(major: 1, minor: 1)

    /// The version as it appears on the wire, for example `HTTP/1.1`.
    public var description: String { "HTTP/\(major).\(minor)" }
}
