import Foundation
import Testing

@testable import Engine

/// The binary codec of log records and snapshots (server-architecture §7.4).
struct DurabilityCodecTests {
    @Test func crcMatchesTheCastagnoliCheckValue() {
        let bytes = Array("123456789".utf8)
        #expect(CRC32C.checksum(bytes, 0..<bytes.count) == 0xE306_9283)
        // Lengths around the 8-byte stride take both the sliced and the byte loop.
        let long = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        for n in [0, 1, 7, 8, 9, 15, 16, 17, 999] {
            var slow: UInt32 = 0xFFFF_FFFF
            for b in long[0..<n] {
                slow ^= UInt32(b)
                for _ in 0..<8 { slow = slow & 1 == 1 ? (slow >> 1) ^ CRC32C.polynomial : slow >> 1 }
            }
            #expect(CRC32C.checksum(long, 0..<n) == ~slow)
        }
    }

    @Test(arguments: [0, 1, 127, 128, 300, 16_383, 16_384, UInt64(UInt32.max), UInt64.max])
    func varintRoundTrips(_ value: UInt64) throws {
        var writer = BinaryWriter()
        writer.appendVarint(value)
        var reader = BinaryReader(writer.bytes)
        #expect(try reader.readVarint() == value)
        #expect(reader.isAtEnd)
    }

    @Test(arguments: [Int64.min, -300, -1, 0, 1, 63, 64, Int64.max])
    func zigzagRoundTrips(_ value: Int64) throws {
        var writer = BinaryWriter()
        writer.appendSigned(value)
        var reader = BinaryReader(writer.bytes)
        #expect(try reader.readSigned() == value)
    }

    static let values: [JSONValue] = [
        .null, true, false, .int(0), .int(.min), .int(.max), .double(-0.0), .double(0.1),
        .double(.leastNonzeroMagnitude),
        .double(.greatestFiniteMagnitude), .bigNumber("123456789012345678901234567890"), .bigNumber("1e400"),
        .bigNumber("0.1000000000000000000000000001"), "", "héllo ✓ 𝄞", "00000000-0000-4000-8000-000000000001",
        [], [1, [2, [3, nil]]], ["z": 1, "a": 2, "m": ["y": true, "b": false]], DurabilityWorkload.deepObject,
    ]

    @Test(arguments: values)
    func jsonValueRoundTripsExactly(_ value: JSONValue) throws {
        var writer = BinaryWriter()
        writer.appendJSON(value)
        var reader = BinaryReader(writer.bytes)
        let decoded = try reader.readJSON()
        #expect(StateFingerprint.describe(decoded) == StateFingerprint.describe(value))
        #expect(reader.isAtEnd)
    }

    @Test func tripleValuesKeepTheirCase() throws {
        let id = EntityID.test(7)
        let values: [TripleValue] = [.id(id), .json(.string(id.uuidString)), .json(.int(7))]
        var writer = BinaryWriter()
        for value in values { writer.appendTripleValue(value) }
        var reader = BinaryReader(writer.bytes)
        for value in values {
            #expect(StateFingerprint.describe(try reader.readTripleValue()) == StateFingerprint.describe(value))
        }
    }

    @Test func attrsRoundTrip() throws {
        var attrs = AttrCatalog().all
        var full = Attr.make(
            "posts", "author", ref: ("users", "posts"), cardinality: .many, unique: true, indexed: true,
            required: true, checked: .date, onDelete: true, onDeleteReverse: true)
        full.inferredTypes = [.string, .json]
        attrs.append(full)
        attrs.append(Attr.make("posts", "title", checked: .boolean))
        for attr in attrs {
            var writer = BinaryWriter()
            writer.appendAttr(attr)
            var reader = BinaryReader(writer.bytes)
            #expect(try reader.readAttr() == attr)
            #expect(reader.isAtEnd)
        }
    }

    @Test func commitRecordsRoundTripAndReplayToTheSameState() throws {
        let workload = DurabilityWorkload()
        var original = AppState()
        var replayed = AppState()
        var clock: Int64 = 1_700_000_000_000
        for (steps, context) in workload.transactions {
            clock += 1
            let report = try original.transact(steps, context: context, now: clock)
            let record = CommitRecord(report)
            var writer = BinaryWriter()
            record.encode(into: &writer)
            var reader = BinaryReader(writer.bytes)
            let decoded = try CommitRecord.decode(from: &reader)
            #expect(decoded == record)
            try replayed.replay(decoded)
        }
        #expect(StateFingerprint(replayed) == StateFingerprint(original))
    }

    @Test func replayRejectsARecordOutOfOrder() {
        var state = AppState()
        let record = CommitRecord(txID: 2, createdAt: 0, attrChanges: [], changes: [])
        #expect(throws: DurabilityError.outOfOrder(expected: 1, found: 2)) { try state.replay(record) }
    }

    @Test func everyTruncatedPayloadFailsToDecode() throws {
        var state = AppState()
        let workload = DurabilityWorkload()
        let (steps, context) = workload.transactions[0]
        var writer = BinaryWriter()
        CommitRecord(try state.transact(steps, context: context, now: 1)).encode(into: &writer)
        for end in 0..<writer.bytes.count {
            var reader = BinaryReader(writer.bytes, range: 0..<end)
            #expect(throws: DurabilityError.self) { try CommitRecord.decode(from: &reader) }
        }
    }

    @Test func scannerStopsAtTheFirstDamagedFrame() {
        var writer = BinaryWriter()
        for payload in [[1, 2, 3], [4]] as [[UInt8]] {
            let start = RecordFrame.begin(in: &writer)
            writer.bytes.append(contentsOf: payload)
            RecordFrame.finish(in: &writer, startingAt: start)
        }
        let intact = writer.bytes
        var scanner = FrameScanner(intact, from: 0)
        #expect(scanner.next() == .frame(payload: 8..<11))
        #expect(scanner.next() == .frame(payload: 19..<20))
        #expect(scanner.next() == .end)

        var flipped = intact
        flipped[19] ^= 0x40
        scanner = FrameScanner(flipped, from: 0)
        _ = scanner.next()
        #expect(scanner.next() == .damaged(offset: 11, .checksumMismatch))

        scanner = FrameScanner(Array(intact[0..<15]), from: 0)
        _ = scanner.next()
        #expect(scanner.next() == .damaged(offset: 11, .shortHeader))

        scanner = FrameScanner(Array(intact[0..<19]), from: 0)
        _ = scanner.next()
        #expect(scanner.next() == .damaged(offset: 11, .shortPayload(length: 1, available: 0)))

        scanner = FrameScanner(intact + [UInt8](repeating: 0, count: 12), from: 0)
        _ = scanner.next()
        _ = scanner.next()
        #expect(scanner.next() == .damaged(offset: 20, .zeroLength))
    }

    @Test func snapshotsRoundTripTheWholeState() throws {
        var state = AppState()
        var clock: Int64 = 0
        for (steps, context) in DurabilityWorkload().transactions {
            clock += 1
            _ = try state.transact(steps, context: context, now: clock)
        }
        var bytes: [UInt8] = []
        try state.encodeSnapshot { bytes += $0 }
        let loaded = try AppState.decodeSnapshot(bytes, path: "test")
        #expect(StateFingerprint(loaded) == StateFingerprint(state))
        bytes[bytes.count / 2] ^= 1
        #expect(throws: DurabilityError.corruptSnapshot(path: "test")) {
            try AppState.decodeSnapshot(bytes, path: "test")
        }
    }
}
