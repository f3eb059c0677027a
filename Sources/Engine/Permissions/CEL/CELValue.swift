/// A runtime CEL value (CEL language definition, "Values"), including the opaque
/// values of Instant's rule environment.
public enum CELValue: Sendable {
    /// `null`.
    case null
    /// `bool`.
    case bool(Bool)
    /// `int`; JSON integers convert to this (permissions §3.3).
    case int(Int64)
    /// `uint`; only literals and `uint()` produce these.
    case uint(UInt64)
    /// `double`; fractional JSON numbers convert to this.
    case double(Double)
    /// `string`.
    case string(String)
    /// `bytes`.
    case bytes([UInt8])
    /// `list`.
    case list([CELValue])
    /// `map`: a literal map (missing keys are errors) or a JSON object (missing keys
    /// read as null, permissions §3.2).
    case map(CELMap)
    /// `google.protobuf.Timestamp`.
    case timestamp(CELTimestamp)
    /// `google.protobuf.Duration`.
    case duration(CELDuration)
    /// A type value such as `int` or `list`, by its runtime name.
    case type(String)
    /// The `request` message (permissions §3.5).
    case request(CELRequest)
    /// One bucket of `$rateLimits`, by name (permissions §3.7).
    case rateLimitBucket(String)
}

extension CELValue {
    /// The runtime type name that `type(x)` returns.
    public var typeName: String {
        switch self {
        case .null: "null_type"
        case .bool: "bool"
        case .int: "int"
        case .uint: "uint"
        case .double: "double"
        case .string: "string"
        case .bytes: "bytes"
        case .list: "list"
        case .map: "map"
        case .timestamp: "google.protobuf.Timestamp"
        case .duration: "google.protobuf.Duration"
        case .type: "type"
        case .request: "request"
        case .rateLimitBucket: "RateLimitBucket"
        }
    }

    /// Whether a rule with this result passes: anything but `null` and `false`
    /// (permissions §3: upstream uses Clojure truthiness, so `0`, `""` and `[]` pass).
    public var passesRule: Bool {
        switch self {
        case .null, .bool(false): false
        default: true
        }
    }

    /// How cel-java prints the value in messages (`expected boolean value, found: …`).
    var displayText: String {
        switch self {
        case .null: "NULL_VALUE"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .uint(let u): String(u)
        case .double(let d): CELNumberFormatting.javaString(d)
        case .string(let s): s
        case .bytes(let b): String(decoding: b, as: UTF8.self)
        case .list(let items): "[" + items.map(\.displayText).joined(separator: ", ") + "]"
        case .map(let map):
            "{" + map.entries.map { "\($0.key.displayText)=\($0.value.displayText)" }.joined(separator: ", ") + "}"
        case .timestamp(let t): t.formatted
        case .duration(let d): d.formatted
        case .type(let name): name
        case .request: "request"
        case .rateLimitBucket(let name): name
        }
    }
}
