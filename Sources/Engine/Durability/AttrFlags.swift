/// The flag word of an encoded attr: its booleans and enums, and which optional parts follow.
///
/// After the flags come, in order and only when flagged: the reverse identity,
/// one byte of checked data type (`code(of:)`), one byte of inferred types.
struct AttrFlags: OptionSet {
    /// The bits as stored (a varint).
    let rawValue: UInt16

    /// A reverse identity follows.
    static let hasReverse = AttrFlags(rawValue: 1 << 0)
    /// `value-type` is `ref`.
    static let isRef = AttrFlags(rawValue: 1 << 1)
    /// `cardinality` is `many`.
    static let cardinalityMany = AttrFlags(rawValue: 1 << 2)
    /// `unique?`.
    static let isUnique = AttrFlags(rawValue: 1 << 3)
    /// `index?`.
    static let isIndexed = AttrFlags(rawValue: 1 << 4)
    /// `required?`.
    static let isRequired = AttrFlags(rawValue: 1 << 5)
    /// `on-delete: cascade`.
    static let onDeleteCascade = AttrFlags(rawValue: 1 << 6)
    /// `on-delete-reverse: cascade`.
    static let onDeleteReverseCascade = AttrFlags(rawValue: 1 << 7)
    /// `catalog` is `system`.
    static let systemCatalog = AttrFlags(rawValue: 1 << 8)
    /// A checked data type byte follows.
    static let hasCheckedDataType = AttrFlags(rawValue: 1 << 9)
    /// An inferred types byte follows.
    static let hasInferredTypes = AttrFlags(rawValue: 1 << 10)

    /// Flags from stored bits.
    init(rawValue: UInt16) { self.rawValue = rawValue }

    /// The flags of an attr.
    init(_ attr: Attr) {
        var flags: AttrFlags = []
        if attr.reverseIdentity != nil { flags.insert(.hasReverse) }
        if attr.valueType == .ref { flags.insert(.isRef) }
        if attr.cardinality == .many { flags.insert(.cardinalityMany) }
        if attr.isUnique { flags.insert(.isUnique) }
        if attr.isIndexed { flags.insert(.isIndexed) }
        if attr.isRequired { flags.insert(.isRequired) }
        if attr.onDeleteCascade { flags.insert(.onDeleteCascade) }
        if attr.onDeleteReverseCascade { flags.insert(.onDeleteReverseCascade) }
        if attr.catalog == .system { flags.insert(.systemCatalog) }
        if attr.checkedDataType != nil { flags.insert(.hasCheckedDataType) }
        if attr.inferredTypes != nil { flags.insert(.hasInferredTypes) }
        self = flags
    }

    /// The byte of a checked data type.
    static func code(of type: Attr.CheckedDataType) -> UInt8 {
        switch type {
        case .string: 0
        case .number: 1
        case .boolean: 2
        case .date: 3
        }
    }

    /// The checked data type of a byte, nil for a byte no version writes.
    static func checkedDataType(code: UInt8) -> Attr.CheckedDataType? {
        switch code {
        case 0: .string
        case 1: .number
        case 2: .boolean
        case 3: .date
        default: nil
        }
    }
}
