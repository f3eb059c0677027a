/// The header of a log segment (server-architecture §7.4):
/// `"ILOG" | version u32 LE = 1 | first tx id u64 LE`, 16 bytes, then
/// `RecordFrame`-framed `CommitRecord` payloads until the end of the file.
enum SegmentFormat {
    /// The first four bytes of every segment.
    static let magic: [UInt8] = Array("ILOG".utf8)
    /// The format version this code writes and reads.
    static let version: UInt32 = 1
    /// Bytes before the first record.
    static let headerSize = 16

    /// The header of a segment whose first record is `firstTxID`.
    static func header(firstTxID: Int64) -> [UInt8] {
        var writer = BinaryWriter(capacity: headerSize)
        writer.bytes.append(contentsOf: magic)
        writer.appendUInt32(version)
        writer.appendUInt64(UInt64(bitPattern: firstTxID))
        return writer.bytes
    }

    /// Checks a header; returns the first tx id it names.
    static func readHeader(_ bytes: [UInt8], path: String) throws(DurabilityError) -> Int64 {
        guard bytes.count >= headerSize, Array(bytes[0..<4]) == magic else { throw .badMagic(path: path) }
        var reader = BinaryReader(bytes, range: 4..<headerSize)
        let found = try reader.readUInt32()
        guard found == version else { throw .unsupportedVersion(found, path: path) }
        return Int64(bitPattern: try reader.readUInt64())
    }
}
