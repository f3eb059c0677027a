/// Reads what `BinaryWriter` wrote, from a range of a byte array, checking every bound.
///
/// Every read throws `DurabilityError.unexpectedEnd` instead of trapping, because the
/// bytes may come from a damaged file; recovery turns the error into a cut.
struct BinaryReader {
    /// Deepest value nesting accepted. Values reach the engine through `JSONParser`,
    /// which stops at 512 levels, and a deep merge never nests deeper than its inputs,
    /// so this only bounds recursion on damaged input.
    static let maximumDepth = 2 * JSONParser.maximumDepth

    /// The whole buffer; only `position..<end` is read.
    let bytes: [UInt8]
    /// Offset of the next byte to read.
    private(set) var position: Int
    /// Offset just past the last readable byte.
    let end: Int

    /// A reader over `bytes[range]` (all of it by default).
    init(_ bytes: [UInt8], range: Range<Int>? = nil) {
        self.bytes = bytes
        position = range?.lowerBound ?? 0
        end = range?.upperBound ?? bytes.count
    }

    /// Whether every byte of the range was read.
    var isAtEnd: Bool { position == end }

    /// One byte.
    mutating func readByte() throws(DurabilityError) -> UInt8 {
        guard position < end else { throw .unexpectedEnd }
        defer { position += 1 }
        return bytes[position]
    }

    /// An unsigned LEB128 varint of at most ten bytes.
    mutating func readVarint() throws(DurabilityError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            guard shift < 64 else { throw .invalidLength(result) }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    /// A zigzag varint.
    mutating func readSigned() throws(DurabilityError) -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    /// A count that cannot exceed the bytes left, each element taking at least one byte.
    mutating func readCount() throws(DurabilityError) -> Int {
        let raw = try readVarint()
        guard raw <= UInt64(end - position) else { throw .invalidLength(raw) }
        return Int(raw)
    }

    /// A varint index into a table of `limit` entries.
    mutating func readIndex(below limit: Int) throws(DurabilityError) -> Int {
        let raw = try readVarint()
        guard raw < UInt64(limit) else { throw .invalidLength(raw) }
        return Int(raw)
    }

    /// Four little-endian bytes.
    mutating func readUInt32() throws(DurabilityError) -> UInt32 {
        guard end - position >= 4 else { throw .unexpectedEnd }
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: UInt32.self) }
        position += 4
        return UInt32(littleEndian: value)
    }

    /// Eight little-endian bytes.
    mutating func readUInt64() throws(DurabilityError) -> UInt64 {
        guard end - position >= 8 else { throw .unexpectedEnd }
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: UInt64.self) }
        position += 8
        return UInt64(littleEndian: value)
    }

    /// An id: 16 big-endian bytes.
    mutating func readID() throws(DurabilityError) -> EntityID {
        guard end - position >= 16 else { throw .unexpectedEnd }
        let (high, low) = bytes.withUnsafeBytes {
            (
                $0.loadUnaligned(fromByteOffset: position, as: UInt64.self),
                $0.loadUnaligned(fromByteOffset: position + 8, as: UInt64.self)
            )
        }
        position += 16
        return EntityID(high: UInt64(bigEndian: high), low: UInt64(bigEndian: low))
    }

    /// Varint byte length, then UTF-8.
    mutating func readString() throws(DurabilityError) -> String {
        let count = try readCount()
        defer { position += count }
        return String(decoding: bytes[position..<position + count], as: UTF8.self)
    }

    /// Skips `count` bytes (a field this version does not need).
    mutating func skip(_ count: Int) throws(DurabilityError) {
        guard end - position >= count else { throw .unexpectedEnd }
        position += count
    }
}
