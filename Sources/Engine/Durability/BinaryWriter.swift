/// Appends the primitives of the log and snapshot formats to a byte buffer.
///
/// Integers are LEB128 varints (signed ones zigzagged first) because nearly every
/// count, tx id and time delta is small; ids are 16 raw bytes; frame headers are
/// fixed little-endian words so they can be patched in after the payload.
struct BinaryWriter {
    /// Everything written so far.
    var bytes: [UInt8]

    /// An empty writer with room for `capacity` bytes.
    init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// One byte.
    mutating func appendByte(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// An unsigned LEB128 varint: 7 bits per byte, high bit set on all but the last.
    mutating func appendVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// A zigzag varint, so small negative numbers stay short too.
    mutating func appendSigned(_ value: Int64) {
        appendVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// A varint length or count.
    mutating func appendCount(_ count: Int) {
        appendVarint(UInt64(count))
    }

    /// Four little-endian bytes.
    mutating func appendUInt32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Eight little-endian bytes.
    mutating func appendUInt64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Overwrites four bytes written earlier (a frame's length or checksum).
    mutating func patchUInt32(_ value: UInt32, at offset: Int) {
        for i in 0..<4 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> UInt32(8 * i)) }
    }

    /// An id as its 16 big-endian bytes.
    mutating func appendID(_ id: EntityID) {
        withUnsafeBytes(of: id.high.bigEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: id.low.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// Varint byte length, then UTF-8.
    mutating func appendString(_ string: String) {
        var s = string
        s.withUTF8 { utf8 in
            appendCount(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }
}
