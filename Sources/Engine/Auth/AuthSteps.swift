/// The transaction steps of the auth flows, in upstream's shapes (`app-user`,
/// `app-user-refresh-token`, `app-user-magic-code`, `app-oauth-code` models). They are
/// committed through the ordinary transaction path with `TransactionContext.system`, so
/// they are logged, replayed and invalidate live queries like any other write.
enum AuthSteps {
    /// `[add-triple entity attr value]`.
    static func add(_ entity: EntityID, _ attr: EntityID, _ value: JSONValue) -> TxStep {
        .addTriple(.id(entity), attr: attr, value: value, mode: nil)
    }

    /// `[delete-entity entity etype]`; cascades follow the system catalogue.
    static func delete(_ entity: EntityID, _ etype: String) -> TxStep {
        .deleteEntity(.id(entity), etype: etype)
    }

    /// A `$users` row (`app-user-model/create!`): only the attributes given are written;
    /// an existing row (a guest being upgraded) keeps its id and gains the rest.
    static func createUser(
        _ id: EntityID, email: String?, type: String?, imageURL: String? = nil, extraFields: [UserField] = []
    ) -> [TxStep] {
        var steps = [add(id, AuthAttrs.userID, JSONValue(id))]
        if let email { steps.append(add(id, AuthAttrs.userEmail, .string(email))) }
        if let type { steps.append(add(id, AuthAttrs.userType, .string(type))) }
        if let imageURL { steps.append(add(id, AuthAttrs.userImageURL, .string(imageURL))) }
        for field in extraFields { steps.append(add(id, field.attr, field.value)) }
        return steps
    }

    /// A `$userRefreshTokens` row for `token` (stored hashed) owned by `user`.
    static func createRefreshToken(_ token: EntityID, user: EntityID) -> [TxStep] {
        let row = EntityID.random()
        return [
            add(row, AuthAttrs.refreshTokenID, JSONValue(row)),
            add(row, AuthAttrs.refreshTokenHash, .string(SecretHash.token(token))),
            add(row, AuthAttrs.refreshTokenUser, JSONValue(user)),
        ]
    }

    /// A `$magicCodes` row for `code` (stored hashed) sent to `email`.
    static func createMagicCode(_ code: String, email: String) -> [TxStep] {
        let row = EntityID.random()
        return [
            add(row, AuthAttrs.magicCodeID, JSONValue(row)),
            add(row, AuthAttrs.magicCodeHash, .string(SecretHash.text(code))),
            add(row, AuthAttrs.magicCodeEmail, .string(email)),
        ]
    }

    /// `linkedPrimaryUser` of a guest who signed in as an existing user (`link-guest`).
    static func linkGuest(_ guest: EntityID, to primary: EntityID) -> TxStep {
        add(guest, AuthAttrs.userLinkedPrimaryUser, JSONValue(primary))
    }
}

/// One validated `extra-fields` entry: an app-defined `$users` attr and its value.
struct UserField: Sendable, Equatable {
    var attr: EntityID
    var value: JSONValue
}
