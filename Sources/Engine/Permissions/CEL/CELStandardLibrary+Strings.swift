extension CELStandardLibrary {
    /// `matches`, `contains`, `startsWith`, `endsWith` on strings, comparing UTF-16
    /// code units as Java does (no Unicode normalisation).
    static func stringTest(_ function: String, _ receiver: CELValue, _ argument: CELValue)
        throws(CELEvaluationError) -> CELValue?
    {
        guard case .string(let text) = receiver, case .string(let other) = argument else { return nil }
        switch function {
        case "matches": return .bool(try CELRegex.matches(text, other))
        case "contains": return .bool(indexOf(Array(other.utf16), in: Array(text.utf16), from: 0) != nil)
        case "startsWith": return .bool(text.utf16.starts(with: other.utf16))
        default: return .bool(text.utf16.reversed().starts(with: other.utf16.reversed()))
        }
    }

    /// First position of `needle` in `haystack` at or after `start`.
    static func indexOf<T: Equatable>(_ needle: [T], in haystack: [T], from start: Int) -> Int? {
        if needle.isEmpty { return start <= haystack.count ? start : nil }
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        outer: for i in start...(haystack.count - needle.count) {
            for j in 0..<needle.count where haystack[i + j] != needle[j] { continue outer }
            return i
        }
        return nil
    }

    /// The strings extension (cel-java `CelStringExtensions`), indexing by code point.
    static func stringExtension(_ function: String, _ a: [CELValue]) throws(CELEvaluationError) -> CELValue? {
        if function == "join" { return try join(a) }
        guard case .string(let text) = a.first else { return nil }
        let scalars = Array(text.unicodeScalars)
        switch (function, a.count) {
        case ("charAt", 2):
            guard case .int(let i) = a[1] else { return nil }
            guard i >= 0, i <= scalars.count else { throw failure("charAt failure: Index out of range: \(i)") }
            return .string(i == scalars.count ? "" : String(scalars[Int(i)]))
        case ("indexOf", 2), ("indexOf", 3):
            guard case .string(let sub) = a[1] else { return nil }
            var offset: Int64 = 0
            if a.count == 3 {
                guard case .int(let o) = a[2] else { return nil }
                offset = o
            }
            let needle = Array(sub.unicodeScalars)
            if needle.isEmpty { return .int(offset) }
            guard offset >= 0, offset < scalars.count else {
                throw failure("indexOf failure: Offset out of range: \(offset)")
            }
            return .int(Int64(indexOf(needle, in: scalars, from: Int(offset)) ?? -1))
        case ("lastIndexOf", 2), ("lastIndexOf", 3):
            guard case .string(let sub) = a[1] else { return nil }
            let needle = Array(sub.unicodeScalars)
            var offset = Int64(scalars.count) - 1
            if a.count == 3 {
                guard case .int(let o) = a[2] else { return nil }
                if needle.isEmpty { return .int(o) }
                guard o >= 0, o < scalars.count else { throw failure("lastIndexOf failure: Offset out of range: \(o)") }
                offset = o
            } else if needle.isEmpty {
                return .int(Int64(scalars.count))
            }
            guard scalars.count >= needle.count else { return .int(-1) }
            var i = min(Int(offset), scalars.count - needle.count)
            while i >= 0 {
                if Array(scalars[i..<(i + needle.count)]) == needle { return .int(Int64(i)) }
                i -= 1
            }
            return .int(-1)
        case ("lowerAscii", 1), ("upperAscii", 1):
            let upper = function == "upperAscii"
            var view = String.UnicodeScalarView()
            for s in scalars {
                let isTarget = upper ? ("a"..."z").contains(s) : ("A"..."Z").contains(s)
                view.append(isTarget ? Unicode.Scalar(upper ? s.value - 32 : s.value + 32)! : s)
            }
            return .string(String(view))
        case ("trim", 1):
            let start = scalars.firstIndex { !isUnicodeWhitespace($0) } ?? scalars.count
            let end = (scalars.lastIndex { !isUnicodeWhitespace($0) } ?? -1) + 1
            return .string(start < end ? string(scalars[start..<end]) : "")
        case ("replace", 3), ("replace", 4): return try replace(scalars, a)
        case ("split", 2), ("split", 3): return try split(text, scalars, a)
        case ("substring", 2), ("substring", 3):
            guard case .int(let begin) = a[1] else { return nil }
            var end = Int64(scalars.count)
            if a.count == 3 {
                guard case .int(let e) = a[2] else { return nil }
                end = e
            }
            guard begin >= 0, begin <= end, end <= scalars.count else {
                throw failure("substring failure: Range [\(begin), \(end)) out of bounds")
            }
            return .string(string(scalars[Int(begin)..<Int(end)]))
        default: return nil
        }
    }

    /// A string from a slice of scalars.
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// An extension function's failure (cel-java reports these without an error code).
    static func failure(_ reason: String) -> CELEvaluationError {
        CELEvaluationError(.internalError, reason)
    }

    /// Unicode `White_Space`, as cel-java's `trim` defines it.
    static func isUnicodeWhitespace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}
