/// Sign-in flows as pure plans over the app state (protocol-http §8–§9): each finds or
/// creates the `$users` row, consumes what must be used once, and issues a refresh token.
extension AppState {
    /// `extra-fields`: each key must name an app-defined `$users` attr
    /// (`app-user/validate-extra-fields!`).
    func userFields(_ extraFields: JSONValue?) throws(InstantError) -> [UserField] {
        guard let extraFields, !extraFields.isNull else { return [] }
        guard case .object(let object) = extraFields else {
            throw .validationFailed("extra-fields", "extra-fields must be an object", input: extraFields)
        }
        var fields: [UserField] = []
        for (key, value) in object.entries {
            guard let attr = catalog.forward("$users", key) else {
                throw .validationFailed(
                    "extra-fields", "Unknown field: \(key). It must be defined in your $users schema.",
                    input: extraFields)
            }
            guard attr.catalog != .system else {
                throw .validationFailed("extra-fields", "Cannot set system field: \(key)", input: extraFields)
            }
            fields.append(UserField(attr: attr.id, value: value))
        }
        return fields
    }

    /// The guest a refresh token belongs to, for upgrades: nil without a token or when
    /// the token's user is not a guest; an unknown token is `app-user` not found.
    public func guest(refreshToken: EntityID?) throws(InstantError) -> EntityID? {
        guard let refreshToken else { return nil }
        guard let user = user(refreshToken: refreshToken) else { throw .recordNotFound("app-user") }
        return user.isGuest ? user.id : nil
    }

    /// Signs in the user with `email`, creating it (type `user`) when new: a guest's
    /// row is upgraded in place when the email is new, else linked to the existing user
    /// (`magic-code-auth/verify!`, §9.2).
    public func planEmailSignIn(
        email: String, guest: EntityID?, imageURL: String? = nil, extraFields: JSONValue?, token: EntityID,
        currentToken: EntityID? = nil, extraSteps: [TxStep] = []
    ) throws(InstantError) -> AuthPlan {
        var steps = extraSteps
        let userID: EntityID
        var signUpData: JSONValue?
        if let existing = user(email: email) {
            userID = existing.id
            if let imageURL, existing.fields["imageURL"]?.stringValue != imageURL {
                steps.append(AuthSteps.add(userID, AuthAttrs.userImageURL, .string(imageURL)))
            }
            if let guest, guest != userID { steps.append(AuthSteps.linkGuest(guest, to: userID)) }
        } else {
            let fields = try userFields(extraFields)
            userID = guest ?? EntityID.random()
            steps += AuthSteps.createUser(userID, email: email, type: "user", imageURL: imageURL, extraFields: fields)
            signUpData = Self.signUpData(userID, email: email, extraFields: extraFields)
        }
        // A client already holding a token of this user keeps it (`id_token` sign-in); a
        // guest upgraded by this sign-in was still created.
        if let currentToken, user(refreshToken: currentToken)?.id == userID {
            return AuthPlan(
                steps: steps, userID: userID, created: signUpData != nil, refreshToken: currentToken,
                signUpData: signUpData)
        }
        steps += AuthSteps.createRefreshToken(token, user: userID)
        return AuthPlan(
            steps: steps, userID: userID, created: signUpData != nil, refreshToken: token, signUpData: signUpData)
    }

    /// Verifies and consumes a magic code, then signs in (§8.4, §9.2). Extra fields are
    /// checked before the code is consumed, so a rejected sign-up does not burn it.
    public func planVerifyMagicCode(
        email: String, code: String, guest: EntityID?, extraFields: JSONValue?, token: EntityID, now: Int64
    ) throws(InstantError) -> AuthPlan {
        if user(email: email) == nil { _ = try userFields(extraFields) }
        guard let row = magicCodeRow(email: email, code: code) else { throw .recordNotFound("app-user-magic-code") }
        if row.issuedAt + AuthLifetimes.magicCodeMilliseconds < now { throw .recordExpired("app-user-magic-code") }
        return try planEmailSignIn(
            email: email, guest: guest, extraFields: extraFields, token: token,
            extraSteps: [AuthSteps.delete(row.entity, "$magicCodes")])
    }

    /// Deletes the code `code` of `email` when it has expired, so an expired code does not
    /// stay in `$magicCodes` after it was tried; nothing otherwise.
    public func planDeleteExpiredMagicCode(email: String, code: String, now: Int64) -> [TxStep] {
        guard let row = magicCodeRow(email: email, code: code),
            row.issuedAt + AuthLifetimes.magicCodeMilliseconds < now
        else { return [] }
        return [AuthSteps.delete(row.entity, "$magicCodes")]
    }

    /// A new guest (`sign_in_guest`, §8.9, §9.4).
    public func planGuestSignIn(extraFields: JSONValue?, token: EntityID) throws(InstantError) -> AuthPlan {
        let fields = try userFields(extraFields)
        let userID = EntityID.random()
        let steps =
            AuthSteps.createUser(userID, email: nil, type: "guest", extraFields: fields)
            + AuthSteps.createRefreshToken(token, user: userID)
        return AuthPlan(
            steps: steps, userID: userID, created: true, refreshToken: token,
            signUpData: Self.signUpData(userID, email: nil, extraFields: extraFields))
    }

    /// A refresh token for the user with `email` or `id`, creating that user (without a
    /// `type`) when missing (`refresh_tokens`, §8.5). Email wins when both are given.
    public func planCreateToken(
        email: String?, id: EntityID?, extraFields: JSONValue?, token: EntityID
    ) throws(InstantError) -> AuthPlan {
        let existing: AppUser?
        if let email {
            existing = user(email: email)
        } else if let id {
            existing = user(id: id)
        } else {
            existing = nil
        }
        var steps: [TxStep] = []
        let userID: EntityID
        var signUpData: JSONValue?
        if let existing {
            userID = existing.id
        } else {
            let fields = try userFields(extraFields)
            userID = id ?? EntityID.random()
            steps += AuthSteps.createUser(userID, email: email, type: nil, extraFields: fields)
            signUpData = Self.signUpData(userID, email: email, extraFields: extraFields)
        }
        steps += AuthSteps.createRefreshToken(token, user: userID)
        return AuthPlan(
            steps: steps, userID: userID, created: signUpData != nil, refreshToken: token, signUpData: signUpData)
    }

    /// A new magic code for `email` (`magic_code`, `send_magic_code`).
    public func planMagicCode(_ code: String, email: String) -> [TxStep] {
        AuthSteps.createMagicCode(code, email: email)
    }

    /// Deletes every refresh token of a user (sign-out by id or email, §8.6).
    public func planSignOut(user: EntityID) -> [TxStep] {
        refreshTokenRows(of: user).map { AuthSteps.delete($0, "$userRefreshTokens") }
    }

    /// Deletes one refresh token; an unknown one is no error (§8.6, §9.5).
    public func planRevoke(refreshToken: EntityID) -> [TxStep] {
        refreshTokenRow(refreshToken).map { [AuthSteps.delete($0, "$userRefreshTokens")] } ?? []
    }

    /// Deletes a `$users` row; refresh tokens and linked guests cascade (§8.8).
    public func planDeleteUser(_ user: EntityID) -> [TxStep] {
        [AuthSteps.delete(user, "$users")]
    }

    /// What a `$users` create rule sees for a sign-up (`build-user-data`).
    static func signUpData(_ id: EntityID, email: String?, extraFields: JSONValue?) -> JSONValue {
        var data: JSONObject = ["id": JSONValue(id)]
        if let email { data["email"] = .string(email) }
        extraFields?.objectValue?.forEachEntry { key, value in data[key] = value }
        return .object(data)
    }
}
