/// Reading users and their tokens from the app's own `$users`, `$userRefreshTokens` and
/// `$magicCodes` rows (data-model §3), the way upstream's `app-user` models do.
extension AppState {
    /// The `$users` row with this id.
    public func user(id: EntityID) -> AppUser? {
        guard let idTriple = triples(of: id, attr: AuthAttrs.userID).first else { return nil }
        var fields = JSONObject()
        for triple in triples(of: id) {
            guard let attr = catalog[triple.attr], attr.etype == "$users", !attr.isIDAttr, !triple.value.isNull else {
                continue
            }
            fields[attr.label] = triple.value.json
        }
        return AppUser(id: id, createdAt: idTriple.createdAt, fields: fields)
    }

    /// The user whose `email` is exactly `email` (callers coerce it first, §8).
    public func user(email: String) -> AppUser? {
        for entity in entities(attr: AuthAttrs.userEmail, value: .string(email)) {
            if let user = user(id: entity) { return user }
        }
        return nil
    }

    /// The user owning this refresh token, through its hashed `$userRefreshTokens` row.
    public func user(refreshToken: EntityID) -> AppUser? {
        guard let row = refreshTokenRow(refreshToken),
            let owner = triples(of: row, attr: AuthAttrs.refreshTokenUser).first?.value.entityID
        else { return nil }
        return user(id: owner)
    }

    /// The `$userRefreshTokens` entity holding this token's hash.
    public func refreshTokenRow(_ token: EntityID) -> EntityID? {
        entities(attr: AuthAttrs.refreshTokenHash, value: .string(SecretHash.token(token))).first
    }

    /// Every `$userRefreshTokens` entity of a user.
    public func refreshTokenRows(of user: EntityID) -> [EntityID] {
        entities(attr: AuthAttrs.refreshTokenUser, value: JSONValue(user))
    }

    /// The outstanding `$magicCodes` row for `email` whose hash matches `code`, with the
    /// time it was issued.
    public func magicCodeRow(email: String, code: String) -> (entity: EntityID, issuedAt: Int64)? {
        for entity in entities(attr: AuthAttrs.magicCodeHash, value: .string(SecretHash.text(code))) {
            guard triples(of: entity, attr: AuthAttrs.magicCodeEmail).first?.value.json == .string(email),
                let issued = triples(of: entity, attr: AuthAttrs.magicCodeID).first
            else { continue }
            return (entity, issued.createdAt)
        }
        return nil
    }

    /// Every `$users` row, oldest first (the local OAuth page offers them).
    public func allUsers() -> [AppUser] {
        guard let slot = catalog.existingSlot(for: AuthAttrs.userID) else { return [] }
        var users: [AppUser] = []
        for postings in store.valueIndex(slot).values {
            for entity in postings.entities {
                if let user = user(id: entity) { users.append(user) }
            }
        }
        return users.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    /// The value of a single-valued attr on an entity.
    func value(of entity: EntityID, _ attr: EntityID) -> JSONValue? {
        triples(of: entity, attr: attr).first?.value.json
    }
}
