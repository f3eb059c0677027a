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
        o["created_at"] = .string(TimestampText.wholeSecondsUTC(milliseconds: createdAt))
        if includeToken { o["admin-token"] = JSONValue(adminToken) }
        return .object(o)
    }

    /// The single implicit developer account of a local server (protocol-http §12.1).
    public static let localCreator = EntityID("e5e5e5e5-0000-4000-8000-000000000001")!

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
