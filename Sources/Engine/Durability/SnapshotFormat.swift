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
    /// `"ISNP"`, version 1.
    static let fileHeader = FileHeader(magic: Array("ISNP".utf8), version: 1)
    /// Bytes before the first frame.
    static let headerSize = FileHeader.size
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
    static func header(lastTxID: Int64) -> [UInt8] { fileHeader.encode(txID: lastTxID) }

    /// Checks a header and returns the tx id it names.
    static func readHeader(_ bytes: [UInt8], path: String) throws(DurabilityError) -> Int64 {
        try fileHeader.decode(bytes, path: path)
    }
}
