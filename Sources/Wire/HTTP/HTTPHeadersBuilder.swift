/// Collects the fields of a head on the common-head path, sharing the recent head's fields
/// (`HTTPRecentHead`) while they repeat it in order.
///
/// As long as every field so far repeats the recent one at its position, nothing is built:
/// a head that repeats all of them gets the recent array itself, without an allocation.
/// The first field that differs starts a new array with the repeated ones copied in.
struct HTTPHeadersBuilder {
    /// The recent head's fields.
    private let recentFields: [HTTPHeaderField]
    /// The recent head's fields as a value, handed out when every field repeats them.
    private let recent: HTTPHeaders
    /// The fields once one differed from the recent head; `nil` while they all repeat it.
    private var built: HTTPHeaders?
    /// How many fields were added.
    private var count = 0
    /// About how many fields the head has, reserved when an array is built.
    private let capacity: Int

    /// Starts with no fields, reusing `recent`'s and reserving `capacity` if it builds.
    init(recent: HTTPHeaders, capacity: Int) {
        self.recent = recent
        recentFields = recent.fields
        self.capacity = capacity
    }

    /// Adds the field `name: value` (the value already trimmed).
    ///
    /// - Returns: `false` when the value has a byte other than visible ASCII, space and tab:
    ///   obs-text goes the general way, which repairs invalid UTF-8 when it builds the
    ///   string. A repeated value was checked when it was first built.
    mutating func add(name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) -> Bool {
        if count < recentFields.count, HTTPRecentHead.spells(recentFields[count].name, name),
            HTTPRecentHead.spells(recentFields[count].value, value)
        {
            built?.add(recentFields[count].name, recentFields[count].value)
            count += 1
            return true
        }
        guard HTTPSyntax.isVisibleASCIIOrWhitespace(value) else { return false }
        if built == nil { built = repeatedPrefix() }
        built?.add(
            HTTPFieldNames.interned(name) ?? String(decoding: name, as: UTF8.self),
            String(decoding: value, as: UTF8.self))
        count += 1
        return true
    }

    /// Whether every field added repeated the recent head's, and there were as many.
    var repeatsAll: Bool {
        built == nil && count == recentFields.count
    }

    /// The fields added.
    func finish() -> HTTPHeaders {
        if let built { return built }
        return count == recentFields.count ? recent : repeatedPrefix()
    }

    /// A new array holding the first `count` recent fields, all repeated so far.
    private func repeatedPrefix() -> HTTPHeaders {
        var headers = HTTPHeaders(reservingCapacity: max(capacity, count))
        for field in recentFields[..<count] { headers.add(field.name, field.value) }
        return headers
    }
}
