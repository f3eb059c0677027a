/// The 16-byte header shared by log segments and snapshots (server-architecture §7.4):
/// `magic (4 bytes) | version u32 LE | tx id u64 LE`. The two formats differ only in
/// their magic and in what the tx id means (a segment's first, a snapshot's last).
struct FileHeader: Sendable {
    /// The first four bytes of every file of this kind.
    let magic: [UInt8]
    /// The format version this code writes and reads.
    let version: UInt32
    /// Bytes before the first frame.
    static let size = 16

    /// The header naming `txID`.
    func encode(txID: Int64) -> [UInt8] {
        var writer = BinaryWriter(capacity: Self.size)
        writer.bytes.append(contentsOf: magic)
        writer.appendUInt32(version)
        writer.appendUInt64(UInt64(bitPattern: txID))
        return writer.bytes
    }

    /// Checks a header's magic and version; returns the tx id it names.
    func decode(_ bytes: [UInt8], path: String) throws(DurabilityError) -> Int64 {
        guard bytes.count >= Self.size, Array(bytes[0..<4]) == magic else { throw .badMagic(path: path) }
        var reader = BinaryReader(bytes, range: 4..<Self.size)
        let found = try reader.readUInt32()
        guard found == version else { throw .unsupportedVersion(found, path: path) }
        return Int64(bitPattern: try reader.readUInt64())
    }
}
