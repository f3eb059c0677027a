/// What `ref(path)` follows from a map (permissions §3.4).
public enum CELRefTarget: Equatable, Sendable {
    /// An entity of this namespace (`data`, `linkedData`), identified by its `id` member.
    case entity(etype: String)
    /// The signed-in user (`auth`): paths start with `$user.`, which is stripped.
    case auth
}
