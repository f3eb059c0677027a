import Synchronization

/// The process-wide source of `AttrCatalog.version` numbers.
///
/// Why process-wide: catalogues are values, copied per app and per transaction; a number
/// drawn from one counter can never name two different contents, whichever copy changes.
enum AttrCatalogVersion {
    private static let counter = Atomic<UInt64>(0)

    /// A number no catalogue has carried before.
    static func next() -> UInt64 {
        counter.add(1, ordering: .relaxed).newValue
    }
}
