/// The first byte of every encoded value in log records and snapshots.
///
/// A value is its tag followed by:
/// * `null`, `false`, `true`: nothing.
/// * `int`: the zigzag LEB128 varint of the Int64 (integers stay integers).
/// * `double`: the 8-byte little-endian IEEE bit pattern (exact, `-0.0` included).
/// * `bigNumber`, `string`: varint byte length, then UTF-8 (big numbers keep their text).
/// * `array`: varint count, then the elements.
/// * `object`: varint count, then key (varint length + UTF-8) and value pairs, in the
///   object's key order so a round trip keeps it.
/// * `entityID`: 16 bytes, big-endian; only at the top of a triple value (`TripleValue.id`).
enum ValueTag: UInt8 {
    case null = 0
    case `false` = 1
    case `true` = 2
    case int = 3
    case double = 4
    case bigNumber = 5
    case string = 6
    case array = 7
    case object = 8
    case entityID = 9
}
