/// The frame around every log record and snapshot section (server-architecture §7.4):
/// `[payload length u32 LE][CRC-32C of the payload u32 LE][payload]`.
///
/// The checksum is what makes a torn or garbled tail detectable: a record is trusted
/// only when its whole payload is present and hashes to the stored value. A zero
/// length is never written, so a zero-filled tail (what some file systems expose
/// after a crash) is damage too rather than a run of empty records.
enum RecordFrame {
    /// Bytes before the payload.
    static let headerSize = 8

    /// Reserves a frame header and returns its offset; write the payload next.
    static func begin(in writer: inout BinaryWriter) -> Int {
        let start = writer.bytes.count
        writer.appendUInt64(0)
        return start
    }

    /// Fills in the header of the frame begun at `start` once its payload is written.
    static func finish(in writer: inout BinaryWriter, startingAt start: Int) {
        let payload = start + headerSize..<writer.bytes.count
        writer.patchUInt32(UInt32(payload.count), at: start)
        writer.patchUInt32(CRC32C.checksum(writer.bytes, payload), at: start + 4)
    }
}
