/// The snapshot file (server-architecture §7.4): the whole state of one app at one tx id.
///
/// ```
/// header  "ISNP" | version u32 LE = 1 | last tx id u64 LE          (16 bytes)
/// frames  each `RecordFrame`-framed, payload starting with its section kind:
///   1 meta     last tx id varint, slot count, entity count, triple count
///   2 slots    count, then in slot order: attr id (16 bytes), distinct value count
///   3 attrs    live count + attrs, soft-deleted count + attrs
///   4 triples  entity count, each: entity id, fact count, each fact:
///              slot varint, t zigzag delta from the previous fact's t, triple value
///   5 end      entity count, triple count
/// ```
/// Triples come in frames of about `triplesFrameBytes` so writing needs bounded memory.
/// A snapshot is valid only when every frame checks and the end frame's totals match;
/// it is written under a temporary name and renamed into place once synced.
enum SnapshotFormat {
    /// The first four bytes of every snapshot.
    static let magic: [UInt8] = Array("ISNP".utf8)
    /// The format version this code writes and reads.
    static let version: UInt32 = 1
    /// Bytes before the first frame.
    static let headerSize = 16
    /// Size at which a triples frame is closed and handed to the file.
    static let triplesFrameBytes = 1 << 20

    /// Section kinds, the first payload byte of each frame.
    enum Section: UInt8 {
        case meta = 1
        case slots = 2
        case attrs = 3
        case triples = 4
        case end = 5
    }

    /// The 16-byte header.
    static func header(lastTxID: Int64) -> [UInt8] {
        var writer = BinaryWriter(capacity: headerSize)
        writer.bytes.append(contentsOf: magic)
        writer.appendUInt32(version)
        writer.appendUInt64(UInt64(bitPattern: lastTxID))
        return writer.bytes
    }

    /// Checks a header and returns the tx id it names.
    static func readHeader(_ bytes: [UInt8], path: String) throws(DurabilityError) -> Int64 {
        guard bytes.count >= headerSize, Array(bytes[0..<4]) == magic else { throw .badMagic(path: path) }
        var reader = BinaryReader(bytes, range: 4..<headerSize)
        let found = try reader.readUInt32()
        guard found == version else { throw .unsupportedVersion(found, path: path) }
        return Int64(bitPattern: try reader.readUInt64())
    }
}
