/// Why the durable log, a snapshot or an app directory could not be read or written
/// (server-architecture §7.4).
///
/// Decoding cases carry no message: a record either has the shape the codec wrote or
/// it is damaged, and recovery treats every damaged record the same way.
public enum DurabilityError: Error, Equatable, Sendable {
    /// A system call failed with `errno` on `path`.
    case systemCall(String, path: String, errno: Int32)
    /// Encoded bytes ended before the value they started.
    case unexpectedEnd
    /// A type tag that no version of the codec writes.
    case unknownTag(UInt8)
    /// A length or count larger than the bytes that could hold it.
    case invalidLength(UInt64)
    /// A value nested deeper than `BinaryReader.maximumDepth`.
    case valueTooDeep
    /// A file that does not start with the magic of its kind.
    case badMagic(path: String)
    /// A file written by a newer, incompatible format version.
    case unsupportedVersion(UInt32, path: String)
    /// A record whose tx id does not follow the state's last one.
    case outOfOrder(expected: Int64, found: Int64)
    /// The log resumes after a gap: transactions `after + 1 ..< next` are nowhere on disk.
    case missingTransactions(after: Int64, next: Int64)
    /// A snapshot whose frames are damaged or whose totals do not add up.
    case corruptSnapshot(path: String)
    /// The database was closed, or an earlier write failed and the log stopped accepting
    /// commits (after a failed `fsync` the file's contents are unknown, so we never retry).
    case closed
    /// An app id that cannot name a directory.
    case invalidAppID(String)
}

extension DurabilityError: CustomStringConvertible {
    /// A one-line explanation for logs.
    public var description: String {
        switch self {
        case .systemCall(let name, let path, let errno): "\(name)(\(path)) failed with errno \(errno)"
        case .unexpectedEnd: "record ends early"
        case .unknownTag(let tag): "unknown tag \(tag)"
        case .invalidLength(let length): "invalid length \(length)"
        case .valueTooDeep: "value nested too deeply"
        case .badMagic(let path): "\(path) is not an instant-local file"
        case .unsupportedVersion(let version, let path): "\(path) has unsupported format version \(version)"
        case .outOfOrder(let expected, let found): "expected tx \(expected), found tx \(found)"
        case .missingTransactions(let after, let next): "transactions \(after + 1)..<\(next) are missing"
        case .corruptSnapshot(let path): "snapshot \(path) is damaged"
        case .closed: "the app's log is closed"
        case .invalidAppID(let id): "invalid app id \(id)"
        }
    }
}
