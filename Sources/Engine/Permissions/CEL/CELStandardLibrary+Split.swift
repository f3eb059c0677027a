extension CELStandardLibrary {
    /// `s.replace(old, new)` / `s.replace(old, new, limit)`: replaces up to `limit`
    /// occurrences (all when negative), left to right, by code point.
    static func replace(_ scalars: [Unicode.Scalar], _ a: [CELValue]) throws(CELEvaluationError) -> CELValue? {
        guard case .string(let search) = a[1], case .string(let replacement) = a[2] else { return nil }
        var limit: Int64 = -1
        if a.count == 4 {
            guard case .int(let l) = a[3] else { return nil }
            limit = l
        }
        let text = string(scalars[...])
        if search == replacement || limit == 0 { return .string(text) }
        if scalars.isEmpty { return .string(search.isEmpty ? replacement : "") }
        let needle = Array(search.unicodeScalars)
        let insert = Array(replacement.unicodeScalars)
        guard var end = indexOf(needle, in: scalars, from: 0) else { return .string(text) }
        var output: [Unicode.Scalar] = []
        var start = 0
        let step = max(needle.count, 1)
        repeat {
            output.append(contentsOf: scalars[start..<end])
            output.append(contentsOf: insert)
            guard output.count * 4 <= CELLimits.maxStringBytes else { throw stringTooLong }
            start = end + needle.count
            if limit > 0 { limit -= 1 }
            guard limit != 0, let next = indexOf(needle, in: scalars, from: end + step), next > 0 else { break }
            end = next
        } while true
        if start < scalars.count { output.append(contentsOf: scalars[start...]) }
        return .string(string(output[...]))
    }

    /// `s.split(sep)` / `s.split(sep, limit)`: at most `limit` parts (all when
    /// negative, none when 0); an empty separator splits into code points.
    static func split(_ text: String, _ scalars: [Unicode.Scalar], _ a: [CELValue]) throws(CELEvaluationError)
        -> CELValue?
    {
        guard case .string(let separator) = a[1] else { return nil }
        var limit = Int64.max
        if a.count == 3 {
            guard case .int(let l) = a[2] else { return nil }
            limit = l < 0 ? Int64(text.utf16.count) : l
        }
        if limit == 0 { return .list([]) }
        if limit == 1 { return .list([.string(text)]) }
        let needle = Array(separator.unicodeScalars)
        var parts: [CELValue] = []
        if needle.isEmpty {
            let count = Int(min(Int64(scalars.count), limit - 1))
            for i in 0..<count { parts.append(.string(String(scalars[i]))) }
            if scalars.count > count { parts.append(.string(string(scalars[count...]))) }
            return .list(parts)
        }
        var start = 0
        while Int64(parts.count) < limit - 1, let found = indexOf(needle, in: scalars, from: start) {
            parts.append(.string(string(scalars[start..<found])))
            start = found + needle.count
        }
        parts.append(.string(string(scalars[start...])))
        return .list(parts)
    }

    /// `list.join()` / `list.join(sep)`: every element must be a string.
    static func join(_ a: [CELValue]) throws(CELEvaluationError) -> CELValue? {
        guard case .list(let items) = a.first, a.count == 1 || a.count == 2 else { return nil }
        var separator = ""
        if a.count == 2 {
            guard case .string(let s) = a[1] else { return nil }
            separator = s
        }
        var strings: [String] = []
        var total = 0
        for item in items {
            guard case .string(let s) = item else {
                throw failure("Function 'list_join' failed with arg(s) '\(CELValue.list(items).displayText)'")
            }
            total += s.utf8.count + separator.utf8.count
            guard total <= CELLimits.maxStringBytes else { throw stringTooLong }
            strings.append(s)
        }
        return .string(strings.joined(separator: separator))
    }
}
