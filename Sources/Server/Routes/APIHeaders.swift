import Wire

/// A request's header fields as the routes read them: looked up by lowercase name,
/// first field of a name wins.
///
/// An array scanned in order rather than a dictionary: a request carries a handful of
/// fields and a route reads two or three, so building a hashed table (lowercasing and
/// hashing every name) cost more than the few comparisons a lookup makes.
public struct APIHeaders: Sendable, ExpressibleByDictionaryLiteral {
    /// The fields in arrival order, names as received.
    public private(set) var fields: [(name: String, value: String)]

    /// Fields in order; names may be in any case.
    public init(_ fields: [(name: String, value: String)] = []) {
        self.fields = fields
    }

    public init(_ dictionary: [String: String]) {
        fields = dictionary.map { (name: $0.key, value: $0.value) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { (name: $0.0, value: $0.1) }
    }

    /// The value of the first field named `name`, any case matching.
    public subscript(name: String) -> String? {
        // By index: binding each field copied (retained) its value too, on every lookup.
        for index in fields.indices where HTTPHeaders.matches(fields[index].name, name) {
            return fields[index].value
        }
        return nil
    }
}
