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
        object["created_at"] = .string(Self.timestampText(createdAt))
        fields.forEachEntry { key, value in object[key] = value }
        object["isGuest"] = .bool(isGuest)
        if let refreshToken { object["refresh_token"] = JSONValue(refreshToken) }
        return .object(object)
    }

    /// `2025-05-04T09:30:12Z`: how upstream's JSON encoder writes a row's `created_at`
    /// (whole seconds, UTC).
    public static func timestampText(_ milliseconds: Int64) -> String {
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var yearText = String(year)
        while yearText.count < 4 { yearText = "0" + yearText }
        return "\(yearText)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60)):"
            + "\(two(secondOfDay % 60))Z"
    }
}
