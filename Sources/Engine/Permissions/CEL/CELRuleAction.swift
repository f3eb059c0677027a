/// The action a rule is checked for; it decides which variables the rule may use
/// (permissions §3.1, upstream `action->compiler`).
public enum CELRuleAction: String, CaseIterable, Sendable {
    /// Reading an entity or a field (query view and field rules).
    case view
    /// Creating an entity.
    case create
    /// Updating an entity.
    case update
    /// Deleting an entity.
    case delete
    /// Linking two entities.
    case link
    /// Unlinking two entities.
    case unlink
}
