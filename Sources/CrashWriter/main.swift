import Engine
import Foundation

// Child process of the crash-safety tests (Tests/EngineTests/DurabilityCrashTests.swift).
//
// Usage: CrashWriter <data-dir> [writers] [snapshot-threshold-bytes]
//
// Opens one app in <data-dir>, then commits small transactions forever from
// several concurrent writers. After each acknowledged commit it prints one line,
// `<tx id> <entity id> <n>`, with a single write, so a line on stdout means the
// transaction is durable. The test kills it with SIGKILL and checks the disk.

/// The fixed app and attrs the test reads back; the test keeps a copy of these ids.
enum CrashSchema {
    static let appID = EntityID(high: 0x0000_0000_0000_4000, low: 0x8000_0000_0000_c0de)
    static let idAttr = EntityID(high: 0x0000_0000_0000_4000, low: 0x8000_0000_0000_0001)
    static let numberAttr = EntityID(high: 0x0000_0000_0000_4000, low: 0x8000_0000_0000_0002)
    static let labelAttr = EntityID(high: 0x0000_0000_0000_4000, low: 0x8000_0000_0000_0003)

    /// Steps creating `items.id`, `items.n` and `items.label`.
    static var steps: [TxStep] {
        [(idAttr, "id", 0x11), (numberAttr, "n", 0x12), (labelAttr, "label", 0x13)].map { id, label, ident in
            .addAttr(
                Attr(
                    id: id,
                    forwardIdentity: Attr.Identity(
                        id: EntityID(high: 0x0000_0000_0000_4000, low: 0x8000_0000_0000_0000 | ident),
                        etype: "items", label: label),
                    isUnique: label == "id", isIndexed: label != "label"))
        }
    }
}

/// Writes one line with a single `write`, so a killed process never leaves half a line.
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Commits forever from one writer.
func write(to database: AppDatabase, writer: Int) async {
    var i = 0
    while true {
        let entity = EntityID.random()
        let n = Int64(writer) * 1_000_000_000 + Int64(i)
        let steps: [TxStep] = [
            .addTriple(.id(entity), attr: CrashSchema.idAttr, value: JSONValue(entity), mode: nil),
            .addTriple(.id(entity), attr: CrashSchema.numberAttr, value: .int(n), mode: nil),
            .addTriple(
                .id(entity), attr: CrashSchema.labelAttr, value: .string("writer \(writer) item \(i)"), mode: nil),
        ]
        do {
            let report = try await database.transact(steps)
            emit("\(report.txID) \(entity) \(n)")
        } catch {
            FileHandle.standardError.write(Data("CrashWriter: \(error)\n".utf8))
            exit(1)
        }
        i += 1
    }
}

func run() async {
    let arguments = CommandLine.arguments
    guard arguments.count >= 2 else {
        FileHandle.standardError.write(
            Data("usage: CrashWriter <data-dir> [writers] [snapshot-threshold-bytes]\n".utf8))
        exit(2)
    }
    let writers = arguments.count > 2 ? Int(arguments[2]) ?? 4 : 4
    let threshold = arguments.count > 3 ? Int(arguments[3]) ?? 16_384 : 16_384
    let registry = AppRegistry(directory: arguments[1], options: DurabilityOptions(snapshotThresholdBytes: threshold))
    do {
        let database = try registry.database(for: CrashSchema.appID)
        if database.read({ $0.catalog[CrashSchema.idAttr] }) == nil {
            _ = try await database.transact(CrashSchema.steps)
        }
        emit("ready \(database.lastTxID)")
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask { await write(to: database, writer: writer) }
            }
        }
    } catch {
        FileHandle.standardError.write(Data("CrashWriter: \(error)\n".utf8))
        exit(1)
    }
}

await run()
