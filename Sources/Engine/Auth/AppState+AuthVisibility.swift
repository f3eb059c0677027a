/// Which auth rows a non-admin may see before any rules exist: the built-in fallbacks of
/// permissions §2.3 for the namespaces this module writes. A user sees their own `$users`
/// row and the guests linked to it; nobody but an admin sees magic codes, refresh tokens
/// or OAuth rows, which hold secrets' hashes.
extension AppState {
    /// The view filter for `identity`; nil for admins (no check at all).
    public func authVisibility(for identity: Identity) -> (@Sendable (EntityID, String) -> Bool)? {
        var visible = Set<EntityID>()
        switch identity {
        case .admin:
            return nil
        case .user(let me):
            visible.insert(me)
            visible.formUnion(entities(attr: AuthAttrs.userLinkedPrimaryUser, value: JSONValue(me)))
        case .anonymous:
            break
        }
        let users = visible
        return { entity, etype in
            switch etype {
            case "$users": users.contains(entity)
            case "$magicCodes", "$userRefreshTokens", "$oauthProviders", "$oauthUserLinks", "$oauthClients",
                "$oauthCodes", "$oauthRedirects":
                false
            default: true
            }
        }
    }
}
