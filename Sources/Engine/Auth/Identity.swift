/// Who a request or session acts as. Every request and session carries one, so the
/// permission layer (auth issue) can decide what it may read and write.
public enum Identity: Sendable, Equatable {
    /// An admin token without impersonation: no rules are evaluated (protocol-http §3.3).
    case admin
    /// A signed-in `$users` row.
    case user(EntityID)
    /// A signed-out visitor (`auth` is null in rules).
    case anonymous

    /// Whether system guards treat this identity as an admin (data-model §8.4).
    public var isAdmin: Bool {
        if case .admin = self { return true }
        return false
    }
}
