/// The files of one app directory and how their names sort (server-architecture §7.4).
///
/// * `log-<first tx id>.ilog`: a log segment holding records from that tx id on.
/// * `snapshot-<tx id>.isnap`: the state after that tx.
/// * `*.tmp`: a snapshot being written; never trusted, removed on open.
///
/// Ids are zero-padded to 20 digits so names sort like the numbers they hold.
enum LogFileName: Equatable {
    /// A log segment and the id of the first tx it may hold.
    case segment(firstTxID: Int64)
    /// A snapshot and the id of the last tx it includes.
    case snapshot(txID: Int64)
    /// A leftover of an interrupted snapshot.
    case temporary

    /// Name parts; the number between prefix and suffix is a tx id.
    static let segmentPrefix = "log-"
    static let segmentSuffix = ".ilog"
    static let snapshotPrefix = "snapshot-"
    static let snapshotSuffix = ".isnap"
    static let temporarySuffix = ".tmp"

    /// The file name.
    var name: String {
        switch self {
        case .segment(let id): LogFileName.segmentPrefix + LogFileName.padded(id) + LogFileName.segmentSuffix
        case .snapshot(let id): LogFileName.snapshotPrefix + LogFileName.padded(id) + LogFileName.snapshotSuffix
        case .temporary: LogFileName.temporarySuffix
        }
    }

    /// Recognises a file name; nil for files that are not ours.
    init?(parsing name: String) {
        if name.hasSuffix(LogFileName.temporarySuffix) {
            self = .temporary
        } else if let id = LogFileName.number(in: name, LogFileName.segmentPrefix, LogFileName.segmentSuffix) {
            self = .segment(firstTxID: id)
        } else if let id = LogFileName.number(in: name, LogFileName.snapshotPrefix, LogFileName.snapshotSuffix) {
            self = .snapshot(txID: id)
        } else {
            return nil
        }
    }

    private static func padded(_ id: Int64) -> String {
        let digits = String(id)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }

    private static func number(in name: String, _ prefix: String, _ suffix: String) -> Int64? {
        guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
        return Int64(name.dropFirst(prefix.count).dropLast(suffix.count))
    }
}
