/// The header of a log segment (server-architecture §7.4):
/// `"ILOG" | version u32 LE = 1 | first tx id u64 LE`, 16 bytes, then
/// `RecordFrame`-framed `CommitRecord` payloads until the end of the file.
enum SegmentFormat {
    /// `"ILOG"`, version 1.
    static let fileHeader = FileHeader(magic: Array("ILOG".utf8), version: 1)
    /// Bytes before the first record.
    static let headerSize = FileHeader.size

    /// The header of a segment whose first record is `firstTxID`.
    static func header(firstTxID: Int64) -> [UInt8] { fileHeader.encode(txID: firstTxID) }

    /// Checks a header; returns the first tx id it names.
    static func readHeader(_ bytes: [UInt8], path: String) throws(DurabilityError) -> Int64 {
        try fileHeader.decode(bytes, path: path)
    }
}
