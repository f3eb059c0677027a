import Synchronization

/// The source of `AppState.generation`: one counter for the whole process, so a generation
/// never repeats, not even across two loads of the same app.
public enum StateGeneration {
    private static let counter = Atomic<UInt64>(0)

    /// A generation no state had before.
    static func next() -> UInt64 {
        counter.add(1, ordering: .relaxed).newValue
    }
}
