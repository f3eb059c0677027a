/// One decoded `name=value` pair from a query string.
public struct HTTPQueryItem: Hashable, Sendable {
    /// The decoded name, for example `app_id`.
    public var name: String
    /// The decoded value; empty for `?flag` and `?flag=`.
    public var value: String

    /// Builds an item.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// The decoded query string of a request, in order, duplicates kept.
///
/// Query strings are `application/x-www-form-urlencoded` (protocol-http §1.1): `+` is a
/// space and `%XX` escapes are decoded in names and values. Lookups are case-sensitive,
/// unlike headers, so `app_id` and `app-id` stay distinct.
public struct HTTPQuery: Hashable, Sendable, Sequence {
    /// The items in order.
    public var items: [HTTPQueryItem]

    /// Builds a query from decoded items.
    public init(_ items: [HTTPQueryItem] = []) {
        self.items = items
    }

    /// Parses the part of a request target after `?` (without the `?`).
    ///
    /// Empty pairs (`a=1&&b=2`) are skipped; a pair without `=` has an empty value.
    public init(encoded: Substring) {
        items = encoded.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = PercentDecoding.decode(parts[0], plusAsSpace: true)
            let value = parts.count > 1 ? PercentDecoding.decode(parts[1], plusAsSpace: true) : ""
            return HTTPQueryItem(name: name, value: value)
        }
    }

    /// The first value for `name`, or `nil` when absent.
    public subscript(name: String) -> String? {
        items.first { $0.name == name }?.value
    }

    /// Every value for `name`, in order.
    public func values(for name: String) -> [String] {
        items.filter { $0.name == name }.map(\.value)
    }

    public func makeIterator() -> IndexingIterator<[HTTPQueryItem]> {
        items.makeIterator()
    }
}
