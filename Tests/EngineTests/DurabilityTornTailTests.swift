import Foundation
import Testing

@testable import Engine

/// A torn or garbled log tail is cut back to the last intact record, never half
/// applied (server-architecture §7.4).
struct DurabilityTornTailTests {
    /// A directory holding a log of `count` acknowledged transactions, with the state
    /// and the segment size after each of the last two.
    struct History: Sendable {
        let dir = TemporaryDirectory()
        /// The workload whose first transactions were committed (attr ids are random).
        let workload = DurabilityWorkload()
        var segment = ""
        var fingerprints: [StateFingerprint] = []
        var sizes: [Int] = []

        init(count: Int = 12) async throws {
            let database = try AppDatabase(directory: dir.path, clock: steppingClock())
            for (steps, context) in workload.transactions.prefix(count) {
                _ = try await database.transact(steps, context: context)
                segment = dir.file(try #require(dir.names(endingWith: ".ilog").last))
                fingerprints.append(database.fingerprint)
                sizes.append(try #require(SystemFile.size(segment)))
            }
            database.close()
        }

        /// A copy of the directory whose segment is replaced by `bytes`.
        func image(segmentBytes bytes: [UInt8]) throws -> TemporaryDirectory {
            let copy = TemporaryDirectory()
            dir.copy(to: copy)
            try Data(bytes).write(to: URL(fileURLWithPath: copy.file((segment as NSString).lastPathComponent)))
            return copy
        }
    }

    @Test func everyCutInsideTheLastRecordRecoversTheAcknowledgedPrefix() async throws {
        let history = try await History()
        let bytes = try SystemFile.readAll(history.segment)
        let (previous, full) = (history.sizes[history.sizes.count - 2], history.sizes.last!)
        #expect(bytes.count == full)
        try await offPool {
            for cut in previous..<full {
                let image = try history.image(segmentBytes: Array(bytes[0..<cut]))
                let database = try AppDatabase(directory: image.path)
                #expect(database.fingerprint == history.fingerprints[history.fingerprints.count - 2], "cut at \(cut)")
                #expect((database.recovery?.cut != nil) == (cut != previous))
                #expect(SystemFile.size(image.file((history.segment as NSString).lastPathComponent)) == previous)
            }
        }
    }

    static let garbage: [[UInt8]] = [
        [0], [1, 2, 3], [UInt8](repeating: 0, count: 4096), [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 1],
        [5, 0, 0, 0, 0xDE, 0xAD, 0xBE, 0xEF, 1, 2, 3, 4, 5], (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37) },
    ]

    @Test(arguments: garbage)
    func garbageAfterTheLastRecordIsCut(_ tail: [UInt8]) async throws {
        let history = try await History(count: 4)
        let bytes = try SystemFile.readAll(history.segment)
        let image = try history.image(segmentBytes: bytes + tail)
        let database = try AppDatabase(directory: image.path)
        #expect(database.fingerprint == history.fingerprints.last!)
        #expect(database.recovery?.cut?.offset == bytes.count)
        #expect(database.recovery?.cut?.originalSize == bytes.count + tail.count)
    }

    @Test func aFlippedBitInTheLastRecordDropsOnlyThatRecord() async throws {
        let history = try await History(count: 6)
        let bytes = try SystemFile.readAll(history.segment)
        let previous = history.sizes[history.sizes.count - 2]
        try await offPool {
            for offset in stride(from: previous, to: bytes.count, by: 7) {
                var damaged = bytes
                damaged[offset] ^= 0x10
                let image = try history.image(segmentBytes: damaged)
                let database = try AppDatabase(directory: image.path)
                #expect(
                    database.fingerprint == history.fingerprints[history.fingerprints.count - 2], "flip at \(offset)")
            }
        }
    }

    @Test func commitsAfterACutContinueFromThePrefix() async throws {
        let history = try await History(count: 8)
        let bytes = try SystemFile.readAll(history.segment)
        let image = try history.image(segmentBytes: Array(bytes.dropLast(3)))
        let database = try AppDatabase(directory: image.path)
        let report = try await database.transact(history.workload.transactions[7].steps)
        #expect(report.txID == 8)
        let after = database.fingerprint
        database.close()
        let reopened = try AppDatabase(directory: image.path)
        #expect(reopened.fingerprint == after)
        #expect(reopened.recovery?.cut == nil)
    }

    @Test func aTornSegmentHeaderIsSetAside() async throws {
        let history = try await History(count: 3)
        let image = try history.image(segmentBytes: Array("ILO".utf8))
        let database = try AppDatabase(directory: image.path)
        #expect(database.lastTxID == 0)
        #expect(database.recovery?.discardedFiles.count == 1)
        #expect(try await database.transact(DurabilityWorkload().transactions[0].steps).txID == 1)
    }
}
