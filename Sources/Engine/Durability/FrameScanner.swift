/// Splits bytes into verified frames, stopping at the first damaged one.
///
/// Pure: bytes in, one verdict per call, no I/O. Recovery cuts the file at the
/// offset of the first damaged frame.
struct FrameScanner {
    /// What the next frame turned out to be.
    enum Scan: Equatable {
        /// A complete frame whose checksum matches; its payload range.
        case frame(payload: Range<Int>)
        /// The bytes end exactly after the previous frame.
        case end
        /// The frame starting at `offset` is short or corrupt; nothing after it is trusted.
        case damaged(offset: Int, FrameDamage)
    }

    /// The file contents being scanned.
    let bytes: [UInt8]
    /// Offset of the next frame.
    private(set) var offset: Int

    /// A scanner whose first frame starts at `offset`.
    init(_ bytes: [UInt8], from offset: Int) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Verifies the frame at `offset` and moves past it if it is intact.
    mutating func next() -> Scan {
        let available = bytes.count - offset
        if available == 0 { return .end }
        guard available >= RecordFrame.headerSize else { return .damaged(offset: offset, .shortHeader) }
        var header = BinaryReader(bytes, range: offset..<offset + RecordFrame.headerSize)
        let length = (try? header.readUInt32()) ?? 0
        let checksum = (try? header.readUInt32()) ?? 0
        guard length > 0 else { return .damaged(offset: offset, .zeroLength) }
        let payload = offset + RecordFrame.headerSize..<offset + RecordFrame.headerSize + Int(length)
        guard payload.upperBound <= bytes.count else {
            return .damaged(
                offset: offset, .shortPayload(length: length, available: available - RecordFrame.headerSize))
        }
        guard CRC32C.checksum(bytes, payload) == checksum else { return .damaged(offset: offset, .checksumMismatch) }
        offset = payload.upperBound
        return .frame(payload: payload)
    }
}
