/// A triple's value as the indexes hold it.
///
/// Entity ids (in id triples and ref triples) are by far the most common values;
/// keeping them as 16 inline bytes instead of a 36-character heap string is most
/// of what keeps a triple small. Every canonical lowercase UUID string becomes
/// `.id`, so the two forms never need comparing with each other (transactions
/// lowercase UUID strings first, data-model §8.1).
public enum TripleValue: Hashable, Sendable {
    case id(EntityID)
    case json(JSONValue)

    /// Stores `value`, turning a canonical UUID string into `.id`.
    public init(_ value: JSONValue) {
        if case .string(let s) = value, let id = EntityID(canonical: s) {
            self = .id(id)
        } else {
            self = .json(value)
        }
    }

    /// The JSON value as clients see it.
    public var json: JSONValue {
        switch self {
        case .id(let id): .string(id.uuidString)
        case .json(let v): v
        }
    }

    /// The entity id this value names, for ref traversal.
    public var entityID: EntityID? {
        if case .id(let id) = self { return id }
        return nil
    }

    public var isNull: Bool {
        if case .json(.null) = self { return true }
        return false
    }

    /// Ids hash with `EntityID`'s cheap mix (they key the value postings and most
    /// per-query maps); JSON values keep the standard hasher.
    public func _rawHashValue(seed: Int) -> Int {
        switch self {
        case .id(let id):
            return id._rawHashValue(seed: seed)
        case .json(let value):
            var hasher = Hasher()
            hasher.combine(seed)
            hasher.combine(value)
            return hasher.finalize()
        }
    }
}

extension EntityID {
    /// Parses only the lowercase canonical form, so `.id` round-trips to the same text.
    public init?(canonical text: String) {
        guard let id = EntityID.parse(text, allowUppercase: false) else { return nil }
        self = id
    }
}
