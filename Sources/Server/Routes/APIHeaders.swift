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

    /// The value of the first field named `name` (given in lowercase), any case matching.
    public subscript(name: String) -> String? {
        // By index: binding each field copied (retained) its value too, on every lookup.
        for index in fields.indices where Self.matches(fields[index].name, lowercase: name) {
            return fields[index].value
        }
        return nil
    }

    /// Whether `name` equals `lowercase` ignoring ASCII case; header names are ASCII tokens.
    /// On the UTF-8 buffers: walking two `UTF8View`s in step cost a hundred instructions a byte.
    static func matches(_ name: String, lowercase: String) -> Bool {
        guard name.utf8.count == lowercase.utf8.count else { return false }
        let compared = name.utf8.withContiguousStorageIfAvailable { a in
            lowercase.utf8.withContiguousStorageIfAvailable { b in equalIgnoringCase(a, b) }
        }
        if let compared, let compared { return compared }
        return equalIgnoringCase(Array(name.utf8), Array(lowercase.utf8))
    }

    private static func equalIgnoringCase(
        _ a: some RandomAccessCollection<UInt8>, _ b: some RandomAccessCollection<UInt8>
    ) -> Bool {
        for (x, y) in zip(a, b) where x != y {
            guard x >= 0x41, x <= 0x5A, x | 0x20 == y else { return false }
        }
        return true
    }
}
