/// What opening an app directory found (server-architecture §7.4 recovery).
public struct RecoveryReport: Sendable, Equatable {
    /// Tx id of the snapshot the state was loaded from, nil when none was usable.
    public var snapshotTxID: Int64?
    /// Log records replayed on top of the snapshot.
    public var replayedTransactions = 0
    /// The torn or damaged tail that was cut off, if any.
    public var cut: LogCut?
    /// Files set aside: damaged snapshots, segments after a cut, leftovers.
    public var discardedFiles: [String] = []

    /// An empty report: nothing found yet.
    public init() {}
}
