/// A JSON syntax check without a depth limit, for response bodies the server nests deeper
/// than `JSONParser` accepts (an error that echoes a deeply nested input inside its hint).
///
/// Iterative, so depth costs memory rather than stack. Besides validity it collects the
/// top-level members whose values are strings, which is all the envelope check needs.
struct JSONSyntax {
    /// Whether the document is valid, and its top-level string members if it is an object.
    static func check(_ bytes: [UInt8]) -> (valid: Bool, strings: [String: String]) {
        var scanner = JSONSyntax(bytes: bytes)
        let valid = scanner.document()
        return (valid, valid ? scanner.strings : [:])
    }

    /// What the scanner expects next inside a container.
    private enum Frame {
        case array
        case object
    }

    private let bytes: [UInt8]
    private var index = 0
    private var strings: [String: String] = [:]

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func document() -> Bool {
        var stack: [Frame] = []
        var pendingKey: String?
        skipSpace()
        while true {
            // A value.
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let frame: Frame = bytes[index] == UInt8(ascii: "{") ? .object : .array
                index += 1
                skipSpace()
                let close = frame == .object ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if index < bytes.count, bytes[index] == close {
                    index += 1
                } else {
                    stack.append(frame)
                    if frame == .object {
                        guard let key = string() else { return false }
                        pendingKey = stack.count == 1 ? key : nil
                        guard colon() else { return false }
                    }
                    continue
                }
            case UInt8(ascii: "\""):
                guard let text = string() else { return false }
                if let key = pendingKey { strings[key] = text }
            default:
                guard scalar() else { return false }
            }
            pendingKey = nil
            // After a value: close containers or move to the next member.
            while true {
                skipSpace()
                guard let frame = stack.last else { return index == bytes.count }
                guard index < bytes.count else { return false }
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: ",") {
                    skipSpace()
                    if frame == .object {
                        guard let key = string() else { return false }
                        pendingKey = stack.count == 1 ? key : nil
                        guard colon() else { return false }
                    }
                    break
                }
                guard byte == (frame == .object ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return false }
                stack.removeLast()
            }
        }
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func colon() -> Bool {
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
        index += 1
        skipSpace()
        return true
    }

    /// A string starting at `index`, escapes checked but not decoded.
    private mutating func string() -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        index += 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: bytes[start..<index - 1], as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 2
            case 0..<0x20:
                return nil
            default:
                index += 1
            }
        }
        return nil
    }

    /// A number or literal.
    private mutating func scalar() -> Bool {
        for literal in ["true", "false", "null"] {
            let utf8 = Array(literal.utf8)
            if bytes[index...].starts(with: utf8) {
                index += utf8.count
                return true
            }
        }
        let start = index
        while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
        return index > start
    }
}
