import Foundation
import Testing

@testable import Engine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Crash safety for real: the `CrashWriter` child commits from several writers and
/// prints each acknowledged tx; we SIGKILL it at random moments, reopen, and check
/// that every acknowledged transaction is there and no partial one is.
struct DurabilityCrashTests {
    /// The ids `Sources/CrashWriter/main.swift` writes with (kept in step with it).
    enum Schema {
        static let appID = EntityID(high: 0x0000_0000_0000_4000, low: 0x8000_0000_0000_c0de)
        static let idAttr = EntityID(high: 0x0000_0000_0000_4000, low: 0x8000_0000_0000_0001)
        static let numberAttr = EntityID(high: 0x0000_0000_0000_4000, low: 0x8000_0000_0000_0002)
        static let labelAttr = EntityID(high: 0x0000_0000_0000_4000, low: 0x8000_0000_0000_0003)
    }

    /// One acknowledged commit as the child printed it.
    struct Acknowledged: Sendable {
        var txID: Int64
        var entity: EntityID
        var number: Int64
    }

    /// The built `CrashWriter`, next to the test binary or in a parent of it.
    static func crashWriter() throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<5 {
            directory = directory.deletingLastPathComponent()
            let candidate = directory.appendingPathComponent("CrashWriter")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "CrashWriter (run `swift build` first)"])
    }

    /// Runs the child until it has acknowledged `atLeast` commits, waits a random
    /// moment, kills it, and returns every line it managed to print.
    static func runAndKill(_ executable: URL, dataDirectory: String, atLeast: Int) throws -> [Acknowledged] {
        let process = Process()
        process.executableURL = executable
        process.arguments = [dataDirectory, "4", "8192"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let reader = output.fileHandleForReading
        var buffer: [UInt8] = []
        var acknowledged: [Acknowledged] = []
        var killed = false
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            buffer += chunk
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                let fields = line.split(separator: " ")
                if fields.count == 3, let tx = Int64(fields[0]), let entity = EntityID(String(fields[1])),
                    let number = Int64(fields[2])
                {
                    acknowledged.append(Acknowledged(txID: tx, entity: entity, number: number))
                }
            }
            if !killed, acknowledged.count >= atLeast {
                usleep(UInt32.random(in: 0...20_000))
                kill(process.processIdentifier, SIGKILL)
                killed = true
            }
        }
        process.waitUntilExit()
        #expect(killed, "CrashWriter exited on its own with status \(process.terminationStatus)")
        #expect(buffer.isEmpty, "a line was torn")
        return acknowledged
    }

    @Test(.timeLimit(.minutes(3)))
    func killedWriterKeepsEveryAcknowledgedTransaction() async throws {
        let executable = try DurabilityCrashTests.crashWriter()
        let dir = TemporaryDirectory()
        var allAcknowledged: [Acknowledged] = []
        for _ in 0..<8 {
            // Off the pool: it blocks on the child's pipe while other tests run.
            let atLeast = Int.random(in: 0...400)
            allAcknowledged += try await offPool {
                try DurabilityCrashTests.runAndKill(executable, dataDirectory: dir.path, atLeast: atLeast)
            }
            let database = try AppDatabase(directory: dir.path + "/" + Schema.appID.uuidString)
            try database.read { state in try DurabilityCrashTests.check(state, acknowledged: allAcknowledged) }
            database.close()
        }
    }

    /// Every acknowledged tx is present with its content; every item is whole; tx ids
    /// and item count agree, so no transaction is missing or partial.
    static func check(_ state: borrowing AppState, acknowledged: [Acknowledged]) throws {
        let maximum = acknowledged.map(\.txID).max() ?? 0
        #expect(state.lastTxID >= maximum)
        for ack in acknowledged {
            let number = state.triples(of: ack.entity, attr: Schema.numberAttr).first?.value.json
            #expect(number == .int(ack.number), "tx \(ack.txID) lost")
        }
        let slot = try #require(state.catalog.existingSlot(for: Schema.idAttr))
        var items = 0
        for (_, postings) in state.store.valueIndex(slot) {
            for entity in postings.entities {
                items += 1
                let attrs = Set(state.triples(of: entity).map(\.attr))
                #expect(attrs == [Schema.idAttr, Schema.numberAttr, Schema.labelAttr], "partial tx on \(entity)")
            }
        }
        // Tx 1 created the attrs; every later tx created exactly one item.
        #expect(items == Int(state.lastTxID) - 1)
    }
}
