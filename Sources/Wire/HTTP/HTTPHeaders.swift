/// One header field as received or to be sent, with the name spelled as given.
public struct HTTPHeaderField: Hashable, Sendable {
    /// The field name as written; compared case-insensitively by `HTTPHeaders`.
    public var name: String
    /// The field value with surrounding whitespace removed.
    public var value: String

    /// Builds a field.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// An ordered list of header fields with case-insensitive lookup (RFC 9110 §5.1).
///
/// Order and duplicates are kept because some fields repeat, and because clients spell names
/// differently (`Content-Type` and `content-type`, `app-id` and `app_id`; protocol-http §1.4).
public struct HTTPHeaders: Hashable, Sendable, ExpressibleByDictionaryLiteral, Sequence {
    /// The fields in order.
    public private(set) var fields: [HTTPHeaderField]

    /// Builds headers from fields in order.
    public init(_ fields: [HTTPHeaderField] = []) {
        self.fields = fields
    }

    /// Builds empty headers with room for `capacity` fields, so a parsed head's fields are
    /// stored in one allocation instead of growing the array as they arrive.
    init(reservingCapacity capacity: Int) {
        fields = []
        fields.reserveCapacity(capacity)
    }

    /// Builds headers from a literal, in the literal's order.
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { HTTPHeaderField(name: $0.0, value: $0.1) }
    }

    /// The first value of `name`, compared case-insensitively; `nil` if absent.
    ///
    /// Setting replaces every field of that name with one field (or removes them for `nil`).
    public subscript(name: String) -> String? {
        get { fields.first { Self.matches($0.name, name) }?.value }
        set {
            if let newValue {
                replace(name, with: newValue)
            } else {
                remove(name)
            }
        }
    }

    /// Every value of `name` in order, compared case-insensitively.
    public func values(for name: String) -> [String] {
        fields.filter { Self.matches($0.name, name) }.map(\.value)
    }

    /// Whether any field is named `name`.
    public func contains(_ name: String) -> Bool {
        fields.contains { Self.matches($0.name, name) }
    }

    /// The comma-separated tokens of every `name` field, lower-cased and trimmed, as used by
    /// `Connection` and `Transfer-Encoding` (RFC 9110 §5.6.1).
    public func tokens(for name: String) -> [String] {
        values(for: name).flatMap { value in
            value.split(separator: ",").map { $0.trimmingHTTPWhitespace().lowercased() }
        }.filter { !$0.isEmpty }
    }

    /// Appends a field, keeping any existing ones of the same name.
    public mutating func add(_ name: String, _ value: String) {
        fields.append(HTTPHeaderField(name: name, value: value))
    }

    /// Removes every field named `name`.
    public mutating func remove(_ name: String) {
        fields.removeAll { Self.matches($0.name, name) }
    }

    /// Replaces every field named `name` with a single field, at the first one's position.
    public mutating func replace(_ name: String, with value: String) {
        guard let index = fields.firstIndex(where: { Self.matches($0.name, name) }) else {
            add(name, value)
            return
        }
        fields[index].value = value
        var position = fields.index(after: index)
        while position < fields.endIndex {
            if Self.matches(fields[position].name, name) {
                fields.remove(at: position)
            } else {
                position = fields.index(after: position)
            }
        }
    }

    public func makeIterator() -> IndexingIterator<[HTTPHeaderField]> {
        fields.makeIterator()
    }

    /// ASCII case-insensitive name comparison; header names are ASCII tokens. Public so
    /// header tables outside this module (the API routes') compare names the same way.
    ///
    /// Byte-wise case folding over the strings' contiguous storage: lowercasing two strings
    /// per comparison allocated on every header lookup, and `zip` over two UTF-8 views cost
    /// about two thousand instructions per request.
    public static func matches(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        let folded = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right in
                for index in 0..<left.count where !sameLetter(left[index], right[index]) { return false }
                return true
            }
        }
        if let folded = folded ?? nil { return folded }
        return zip(lhs.utf8, rhs.utf8).allSatisfy { sameLetter($0, $1) }
    }

    /// Whether two name bytes are equal, ASCII letters in either case.
    @inline(__always)
    private static func sameLetter(_ left: UInt8, _ right: UInt8) -> Bool {
        left == right || (left | 0x20 == right | 0x20 && (0x61...0x7A).contains(left | 0x20))
    }
}

extension StringProtocol {
    /// Drops leading and trailing spaces and tabs (RFC 9110 OWS), nothing else.
    func trimmingHTTPWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
