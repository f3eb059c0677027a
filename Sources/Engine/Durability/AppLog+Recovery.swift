/// Opening an app directory: newest usable snapshot, then every later log record,
/// stopping at the first torn or damaged one (server-architecture §7.4).
extension AppLog {
    /// Suffix given to files recovery sets aside instead of deleting, so damage can
    /// be inspected; recovery ignores them afterwards.
    static let discardedSuffix = ".discarded"

    /// A segment that survived recovery.
    private struct KeptSegment {
        var firstTxID: Int64
        var size: Int
        /// Highest tx id recorded in it; nil when it holds no record.
        var lastTxID: Int64?
    }

    /// Recovers the app in `directory` (creating it if missing) and returns its log,
    /// its state and what recovery did. A torn tail is cut and reported on stderr;
    /// damage that would lose acknowledged transactions throws instead.
    static func open(
        directory: String, options: DurabilityOptions
    ) throws(DurabilityError) -> (log: AppLog, state: AppState, report: RecoveryReport) {
        try SystemFile.makeDirectories(directory)
        var report = RecoveryReport()
        var snapshots: [Int64] = []
        var segments: [Int64] = []
        for name in try SystemFile.list(directory) {
            switch LogFileName(parsing: name) {
            case .segment(let id)?: segments.append(id)
            case .snapshot(let id)?: snapshots.append(id)
            case .temporary?:
                try SystemFile.remove(directory + "/" + name)
                report.discardedFiles.append(name)
            case nil: break
            }
        }
        snapshots.sort()
        segments.sort()
        var state = AppState()
        for id in snapshots.reversed() {
            let path = directory + "/" + LogFileName.snapshot(txID: id).name
            do {
                state = try AppState.decodeSnapshot(try SystemFile.readAll(path), path: path)
                report.snapshotTxID = id
                break
            } catch {
                warn("\(path) is unusable (\(error)); trying an older snapshot")
            }
        }
        let kept = try replaySegments(segments, directory: directory, into: &state, report: &report)
        if let newest = snapshots.last, state.lastTxID < newest {
            throw .corruptSnapshot(path: directory + "/" + LogFileName.snapshot(txID: newest).name)
        }
        let remaining = try removeRedundantFiles(
            directory: directory, snapshots: snapshots, segments: kept, loadedSnapshot: report.snapshotTxID)
        let writer = SegmentWriter(directory: directory, segments: remaining.map(\.firstTxID), appendToLast: true)
        let bytes = remaining.reduce(0) { $0 + max(0, $1.size - SegmentFormat.headerSize) }
        let log = AppLog(
            directory: directory, options: options, writer: writer, durableTxID: state.lastTxID,
            bytesSinceSnapshot: bytes)
        return (log, state, report)
    }

    /// Replays the records of every segment that follow the state; cuts at the first damage.
    private static func replaySegments(
        _ segments: [Int64], directory: String, into state: inout AppState, report: inout RecoveryReport
    ) throws(DurabilityError) -> [KeptSegment] {
        var kept: [KeptSegment] = []
        for (index, first) in segments.enumerated() {
            let path = directory + "/" + LogFileName.segment(firstTxID: first).name
            let bytes = try SystemFile.readAll(path)
            var damage: (offset: Int, FrameDamage)?
            var lastTxID: Int64?
            do throws(DurabilityError) {
                guard try SegmentFormat.readHeader(bytes, path: path) == first else { throw .badMagic(path: path) }
                var scanner = FrameScanner(bytes, from: SegmentFormat.headerSize)
                scan: while true {
                    switch scanner.next() {
                    case .end:
                        break scan
                    case .damaged(let offset, let why):
                        damage = (offset, why)
                        break scan
                    case .frame(let payload):
                        var reader = BinaryReader(bytes, range: payload)
                        let record: CommitRecord
                        do {
                            record = try CommitRecord.decode(from: &reader)
                        } catch {
                            damage = (payload.lowerBound - RecordFrame.headerSize, .undecodable(error))
                            break scan
                        }
                        lastTxID = record.txID
                        if record.txID <= state.lastTxID { continue }
                        guard record.txID == state.lastTxID + 1 else {
                            throw .missingTransactions(after: state.lastTxID, next: record.txID)
                        }
                        try state.replay(record)
                        report.replayedTransactions += 1
                    }
                }
            } catch .unsupportedVersion(let version, let path) {
                throw .unsupportedVersion(version, path: path)
            } catch .missingTransactions(let after, let next) {
                throw .missingTransactions(after: after, next: next)
            } catch {
                // A damaged header: the segment was being created when the process died.
                damage = (0, .shortHeader)
            }
            guard let (offset, why) = damage else {
                kept.append(KeptSegment(firstTxID: first, size: bytes.count, lastTxID: lastTxID))
                continue
            }
            let cut = LogCut(path: path, offset: offset, originalSize: bytes.count, damage: why)
            report.cut = cut
            warn("recovered \(directory) up to tx \(state.lastTxID); \(cut)")
            if offset == 0 {
                try discard(path, report: &report)
            } else {
                try SystemFile.truncate(path, to: offset)
                kept.append(KeptSegment(firstTxID: first, size: offset, lastTxID: lastTxID))
            }
            for later in segments[(index + 1)...] {
                try discard(directory + "/" + LogFileName.segment(firstTxID: later).name, report: &report)
            }
            break
        }
        return kept
    }

    /// Renames a file recovery cannot use out of the way.
    private static func discard(_ path: String, report: inout RecoveryReport) throws(DurabilityError) {
        try SystemFile.move(path, to: path + discardedSuffix)
        report.discardedFiles.append(path)
        warn("set aside \(path) as \(path + discardedSuffix)")
    }

    /// Deletes snapshots other than the loaded one and segments it covers; returns the
    /// segments left, the last of which the log appends to.
    private static func removeRedundantFiles(
        directory: String, snapshots: [Int64], segments: [KeptSegment], loadedSnapshot: Int64?
    ) throws(DurabilityError) -> [KeptSegment] {
        var changed = false
        for id in snapshots where id != loadedSnapshot {
            try SystemFile.remove(directory + "/" + LogFileName.snapshot(txID: id).name)
            changed = true
        }
        var remaining: [KeptSegment] = []
        for segment in segments {
            if let last = segment.lastTxID, last > loadedSnapshot ?? 0 {
                remaining.append(segment)
            } else {
                try SystemFile.remove(directory + "/" + LogFileName.segment(firstTxID: segment.firstTxID).name)
                changed = true
            }
        }
        if changed { try SystemFile.syncDirectory(directory) }
        return remaining
    }
}
