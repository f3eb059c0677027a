/// Why a frame is not trusted.
public enum FrameDamage: Equatable, Sendable, CustomStringConvertible {
    /// Fewer than eight bytes where a header should be.
    case shortHeader
    /// A header announcing an empty payload (never written; typically zero fill).
    case zeroLength
    /// The payload runs past the end of the file (a torn write).
    case shortPayload(length: UInt32, available: Int)
    /// The payload does not hash to the stored checksum.
    case checksumMismatch
    /// The checksum matched but the payload does not decode.
    case undecodable(DurabilityError)

    /// A one-line explanation for the recovery report.
    public var description: String {
        switch self {
        case .shortHeader: "short frame header"
        case .zeroLength: "zero-length frame"
        case .shortPayload(let length, let available): "frame of \(length) bytes but only \(available) present"
        case .checksumMismatch: "checksum mismatch"
        case .undecodable(let error): "undecodable record: \(error)"
        }
    }
}
