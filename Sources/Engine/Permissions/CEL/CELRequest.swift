/// The `request` message of a rule (permissions §3.5).
public struct CELRequest: Hashable, Sendable {
    /// When the rule is evaluated.
    public var time: CELTimestamp
    /// Labels the transaction writes for this entity (create/update checks), else empty.
    public var modifiedFields: [String]
    /// Client IP, empty when unknown.
    public var ip: String
    /// `Origin` header, empty when absent.
    public var origin: String

    /// A request; fields default to the protobuf defaults upstream sees when absent.
    public init(time: CELTimestamp, modifiedFields: [String] = [], ip: String = "", origin: String = "") {
        self.time = time
        self.modifiedFields = modifiedFields
        self.ip = ip
        self.origin = origin
    }

    /// The value of a field; nil for fields the message does not have.
    func field(_ name: String) -> CELValue? {
        switch name {
        case "time": .timestamp(time)
        case "modifiedFields": .list(modifiedFields.map { .string($0) })
        case "ip": .string(ip)
        case "origin": .string(origin)
        default: nil
        }
    }

    /// Proto3 presence (`has(request.ip)`): set and not the default value.
    func hasField(_ name: String) -> Bool? {
        switch name {
        case "time": true
        case "modifiedFields": !modifiedFields.isEmpty
        case "ip": !ip.isEmpty
        case "origin": !origin.isEmpty
        default: nil
        }
    }
}
