/// One attribute of a namespace, or one link between two namespaces (data-model §2.1).
public struct Attr: Sendable, Equatable {
    /// `[ident-uuid, etype, label]`: a name of the attr as seen from one namespace.
    public struct Identity: Sendable, Hashable {
        public var id: EntityID
        public var etype: String
        public var label: String

        public init(id: EntityID, etype: String, label: String) {
            self.id = id
            self.etype = etype
            self.label = label
        }
    }

    /// `blob` holds any JSON; `ref` holds the id of a linked entity.
    public enum ValueType: String, Sendable {
        case blob
        case ref
    }

    /// The most values one entity may hold for the attr on its forward side.
    public enum Cardinality: String, Sendable {
        case one
        case many
    }

    /// Types a value is checked against on write (data-model §2.4).
    public enum CheckedDataType: String, Sendable {
        case string
        case number
        case boolean
        case date
    }

    /// Where the attr comes from: the app, or the built-in catalogue of §3.
    public enum Catalog: String, Sendable {
        case user
        case system
    }

    public var id: EntityID
    public var forwardIdentity: Identity
    public var reverseIdentity: Identity?
    public var valueType: ValueType
    public var cardinality: Cardinality
    public var isUnique: Bool
    public var isIndexed: Bool
    public var isRequired: Bool
    public var checkedDataType: CheckedDataType?
    /// Deleting the target (reverse side) deletes the source too.
    public var onDeleteCascade: Bool
    /// Deleting the source deletes the targets too.
    public var onDeleteReverseCascade: Bool
    /// Kinds of value ever written; nil until the first non-null write (§2.5).
    public var inferredTypes: InferredTypes?
    public var catalog: Catalog

    public init(
        id: EntityID, forwardIdentity: Identity, reverseIdentity: Identity? = nil,
        valueType: ValueType = .blob, cardinality: Cardinality = .one, isUnique: Bool = false,
        isIndexed: Bool = false, isRequired: Bool = false, checkedDataType: CheckedDataType? = nil,
        onDeleteCascade: Bool = false, onDeleteReverseCascade: Bool = false,
        inferredTypes: InferredTypes? = nil, catalog: Catalog = .user
    ) {
        self.id = id
        self.forwardIdentity = forwardIdentity
        self.reverseIdentity = reverseIdentity
        self.valueType = valueType
        self.cardinality = cardinality
        self.isUnique = isUnique
        self.isIndexed = isIndexed
        self.isRequired = isRequired
        self.checkedDataType = checkedDataType
        self.onDeleteCascade = onDeleteCascade
        self.onDeleteReverseCascade = onDeleteReverseCascade
        self.inferredTypes = inferredTypes
        self.catalog = catalog
    }

    public var etype: String { forwardIdentity.etype }
    public var label: String { forwardIdentity.label }
    public var isRef: Bool { valueType == .ref }
    /// `<etype>.<label>`, as error messages print it.
    public var qualifiedName: String { "\(etype).\(label)" }
    /// An `id` attr: the one whose triples make an entity listable (§2.3).
    public var isIDAttr: Bool { label == "id" && valueType == .blob }
}

/// The set of JSON kinds written to an attr (data-model §2.5).
public struct InferredTypes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let number = InferredTypes(rawValue: 1)
    public static let string = InferredTypes(rawValue: 2)
    public static let boolean = InferredTypes(rawValue: 4)
    public static let json = InferredTypes(rawValue: 8)

    /// The kind of one value; empty for null.
    public init(of value: JSONValue) {
        switch value {
        case .null: self = []
        case .bool: self = .boolean
        case .int, .double, .bigNumber: self = .number
        case .string: self = .string
        case .array, .object: self = .json
        }
    }

    /// Wire names, in a fixed order.
    public var names: [String] {
        var out: [String] = []
        if contains(.number) { out.append("number") }
        if contains(.string) { out.append("string") }
        if contains(.boolean) { out.append("boolean") }
        if contains(.json) { out.append("json") }
        return out
    }
}
