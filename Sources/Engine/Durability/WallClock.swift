import Foundation

/// Where transactions get their timestamp (`t`, epoch milliseconds, data-model §9).
///
/// Injected so tests can pin or step time; everything else uses `system`.
public struct WallClock: Sendable {
    /// The current time in epoch milliseconds.
    public var now: @Sendable () -> Int64

    /// A clock reading `now`.
    public init(now: @escaping @Sendable () -> Int64) {
        self.now = now
    }

    /// The machine's clock.
    public static let system = WallClock { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// A clock stuck at one instant.
    public static func fixed(_ milliseconds: Int64) -> WallClock {
        WallClock { milliseconds }
    }
}
