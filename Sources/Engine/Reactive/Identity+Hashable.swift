/// Identities key shared subscriptions (`SubscriptionKey`).
///
/// Written out because conformance synthesis only works in the declaring file.
extension Identity: Hashable {
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .admin:
            hasher.combine(0 as UInt8)
        case .user(let id):
            hasher.combine(1 as UInt8)
            hasher.combine(id)
        case .anonymous:
            hasher.combine(2 as UInt8)
        }
    }
}
