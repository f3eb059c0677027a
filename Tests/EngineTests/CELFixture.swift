@testable import Engine

/// Which bindings a table case evaluates against.
enum CELFixture: Sendable {
    /// Signed in as `u1`, a `todos` entity `t1` owned by `u1`, every variable bound.
    case standard
    /// Signed out: `auth` is the empty map.
    case signedOut
    /// Like `standard`, but `linkedData` is unbound (the linked entity did not exist).
    case unboundLinked
}
