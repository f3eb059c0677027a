/// Where recovery cut a log segment, and why (server-architecture §7.4 torn tails).
public struct LogCut: Sendable, Equatable, CustomStringConvertible {
    /// The segment file.
    public var path: String
    /// The offset the file was truncated to: the end of the last intact record.
    public var offset: Int
    /// The file's size before the cut.
    public var originalSize: Int
    /// What was wrong with the record at `offset`.
    public var damage: FrameDamage

    /// The line recovery prints on stderr.
    public var description: String {
        "\(path): cut at byte \(offset) of \(originalSize) (\(damage)); \(originalSize - offset) bytes dropped"
    }
}
