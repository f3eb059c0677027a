/// One `$users` row as the auth flows see it: its id, when it was created, and its
/// attribute values by label.
public struct AppUser: Sendable, Equatable {
    /// The `$users` entity id.
    public var id: EntityID
    /// When the row's `id` triple was written (epoch ms): upstream's `created_at`.
    public var createdAt: Int64
    /// Every non-null `$users` attribute of the row but `id`, by label, system attrs
    /// first; app-defined attrs (`extra-fields`) follow.
    public var fields: JSONObject

    public init(id: EntityID, createdAt: Int64, fields: JSONObject) {
        self.id = id
        self.createdAt = createdAt
        self.fields = fields
    }

    /// `email`, when set.
    public var email: String? { fields["email"]?.stringValue }
    /// `type`: `"user"`, `"guest"`, or nil for users made by `refresh_tokens`.
    public var type: String? { fields["type"]?.stringValue }
    /// Computed as upstream: `type == "guest"` (protocol-http §8.1).
    public var isGuest: Bool { type == "guest" }

    /// The row as rules see `auth` (permissions §3): `id` and every attribute of the row.
    public var ruleData: JSONValue {
        var object = JSONObject(minimumCapacity: fields.count + 1)
        object["id"] = JSONValue(id)
        fields.forEachEntry { key, value in object[key] = value }
        return .object(object)
    }

    /// The user record of protocol-http §8.1, with `refresh_token` in sign-in answers.
    public func record(appID: EntityID, refreshToken: EntityID? = nil) -> JSONValue {
        var object = JSONObject(minimumCapacity: fields.count + 5)
        object["app_id"] = JSONValue(appID)
        object["id"] = JSONValue(id)
        object["created_at"] = .string(TimestampText.wholeSecondsUTC(milliseconds: createdAt))
        fields.forEachEntry { key, value in object[key] = value }
        object["isGuest"] = .bool(isGuest)
        if let refreshToken { object["refresh_token"] = JSONValue(refreshToken) }
        return .object(object)
    }
}
