import Engine
import Foundation

/// What instant-local keeps about one app besides its data: the platform's app row.
public struct AppRecord: Sendable, Equatable {
    public var id: EntityID
    public var title: String
    public var adminToken: EntityID
    /// Creation time, epoch milliseconds.
    public var createdAt: Int64
    /// Created through `/dash/apps/ephemeral` (reported with an `expires_ms`).
    public var isEphemeral: Bool

    public init(id: EntityID, title: String, adminToken: EntityID, createdAt: Int64, isEphemeral: Bool = false) {
        self.id = id
        self.title = title
        self.adminToken = adminToken
        self.createdAt = createdAt
        self.isEphemeral = isEphemeral
    }

    /// Upstream keeps ephemeral apps 14 days (protocol-http §12.3); we never sweep them
    /// but report the same horizon.
    public var expiresAt: Int64 { createdAt + 14 * 86_400_000 }

    /// The app row as clients read it (protocol-http §12.2); the admin token only when asked.
    public func json(includeToken: Bool) -> JSONValue {
        var o = JSONObject()
        o["id"] = JSONValue(id)
        o["title"] = .string(title)
        o["creator_id"] = JSONValue(AppRecord.localCreator)
        o["org_id"] = .null
        o["created_at"] = .string(AppRecord.isoDate(createdAt))
        if includeToken { o["admin-token"] = JSONValue(adminToken) }
        return .object(o)
    }

    /// The single implicit developer account of a local server (protocol-http §12.1).
    public static let localCreator = EntityID("e5e5e5e5-0000-4000-8000-000000000001")!

    /// `ms` as an ISO-8601 UTC timestamp with second precision, like upstream
    /// (`2025-05-04T09:30:12Z`, protocol-http §1.3).
    ///
    /// Plain arithmetic (Howard Hinnant's days-to-civil) rather than a date formatter: an app
    /// list renders one per app, and building a formatter each time made large lists slow.
    static func isoDate(_ ms: Int64) -> String {
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let time = "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
        return "\(year)-\(two(month))-\(two(day))T\(time)Z"
    }

    /// The stored form in `apps.json`.
    var stored: JSONValue {
        [
            "id": JSONValue(id), "title": .string(title), "admin-token": JSONValue(adminToken),
            "created-at": .int(createdAt), "ephemeral": .bool(isEphemeral),
        ]
    }

    init?(stored: JSONValue) {
        guard let id = stored["id"]?.entityID, let token = stored["admin-token"]?.entityID,
            let created = stored["created-at"]?.intValue
        else { return nil }
        self.init(
            id: id, title: stored["title"]?.stringValue ?? "", adminToken: token, createdAt: created,
            isEphemeral: stored["ephemeral"]?.boolValue ?? false)
    }
}
