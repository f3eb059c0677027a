/// How an app's log behaves on disk.
public struct DurabilityOptions: Sendable {
    /// Log bytes written since the last snapshot after which a new snapshot is taken
    /// (server-architecture §7.2, §7.4). Smaller values reload faster and use less
    /// disk; larger values write less. The default keeps replay under a second.
    public var snapshotThresholdBytes: Int

    /// Options with the given snapshot threshold (64 MiB by default).
    public init(snapshotThresholdBytes: Int = 64 << 20) {
        self.snapshotThresholdBytes = snapshotThresholdBytes
    }
}
