/// Email coercion as upstream's `email/coerce`: lower-cased and trimmed, then checked
/// against its address pattern (protocol-http §8: "an invalid email → param-malformed").
public enum EmailAddress {
    /// The normalised address, or nil when `raw` is not one.
    public static func coerce(_ raw: String) -> String? {
        let lowered = raw.lowercased()
        let trimmed = lowered.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed()
        let text = String(trimmed)
        return isValid(text) ? text : nil
    }

    /// Whether `text` matches upstream's pattern: dot-separated atoms of the RFC 5322
    /// "atext" characters, `@`, then at least two dot-separated host labels of letters,
    /// digits and inner hyphens.
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let local = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard local.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy(isAtomCharacter) }) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            guard let first = label.unicodeScalars.first, let last = label.unicodeScalars.last else { return false }
            return isLetterOrDigit(first) && isLetterOrDigit(last)
                && label.unicodeScalars.allSatisfy { isLetterOrDigit($0) || $0 == "-" }
        }
    }

    private static func isLetterOrDigit(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
    }

    private static func isAtomCharacter(_ c: Unicode.Scalar) -> Bool {
        isLetterOrDigit(c) || "!#$%&'*+/=?^_`{|}~-".unicodeScalars.contains(c)
    }
}
