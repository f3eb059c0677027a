/// A static type of the checker (CEL language definition, "Types"), enough of
/// cel-java's type system to reject what upstream rejects when rules are saved.
public indirect enum CELType: Hashable, Sendable {
    /// Any value; assignable to and from every type.
    case dyn
    /// The type of `null`.
    case null
    /// `bool`.
    case bool
    /// `int` (signed 64-bit).
    case int
    /// `uint` (unsigned 64-bit).
    case uint
    /// `double`.
    case double
    /// `string`.
    case string
    /// `bytes`.
    case bytes
    /// `google.protobuf.Timestamp`.
    case timestamp
    /// `google.protobuf.Duration`.
    case duration
    /// `list(element)`.
    case list(CELType)
    /// `map(key, value)`.
    case map(CELType, CELType)
    /// `type(t)`: the type of a type value such as `int`.
    case type(CELType)
    /// A message or opaque type by name: `request`, `RateLimitBucket`.
    case named(String)
    /// A type parameter of an overload signature (`A`, `B`).
    case parameter(String)
    /// The type of an expression that already failed to check.
    case error
}

extension CELType {
    /// The request message of permissions §3.5.
    static let request = CELType.named("request")
    /// The rate-limit bucket type of permissions §3.7.
    static let rateLimitBucket = CELType.named("RateLimitBucket")
    /// `map(string, dyn)`, the type of `data`, `auth` and the other entity maps.
    static let object = CELType.map(.string, .dyn)

    /// cel-java's `CelTypes.format`, used in checker messages.
    public var formatted: String {
        switch self {
        case .dyn: "dyn"
        case .null: "null_type"
        case .bool: "bool"
        case .int: "int"
        case .uint: "uint"
        case .double: "double"
        case .string: "string"
        case .bytes: "bytes"
        case .timestamp: "google.protobuf.Timestamp"
        case .duration: "google.protobuf.Duration"
        case .list(let element): "list(\(element.formatted))"
        case .map(let key, let value): "map(\(key.formatted), \(value.formatted))"
        case .type(let inner): "type(\(inner.formatted))"
        case .named(let name): name
        case .parameter(let name): name
        case .error: "*error*"
        }
    }

    /// Whether the type is `dyn` or an error (both accept anything).
    var isDynOrError: Bool {
        switch self {
        case .dyn, .error: true
        default: false
        }
    }

    /// The fields of the `request` message and their types (permissions §3.5).
    static let requestFields: [String: CELType] = [
        "modifiedFields": .list(.string), "time": .timestamp, "ip": .string, "origin": .string,
    ]
}
