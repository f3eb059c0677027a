import TestSupport

@testable import Engine

/// A deterministic generator of CEL expressions from a small grammar, and of byte
/// mutations of valid sources, for the hardening tests.
struct CELExpressionGenerator {
    /// The random source (SplitMix64, shared with the other test targets).
    var random: SeededGenerator

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    /// The next pseudo-random 64-bit value.
    mutating func next() -> UInt64 { random.next() }

    /// A value in `0..<bound`.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    static let atoms = [
        "0", "1", "-1", "42", "9223372036854775807", "-9223372036854775808", "0x7f", "3u", "18446744073709551615u",
        "0.0", "1.5", "-2.5e10", "1e308", ".5", "'abc'", "''", "'a,b,c'", "\"x\\n\\u00e9\"", "r'\\d+'", "b'\\xff'",
        "'''multi\nline'''", "true", "false", "null", "data.title", "data.count", "data.price", "data.tags",
        "data.meta", "data.nothing", "data.missing", "auth.id", "auth.email", "auth.roles", "ruleParams.n",
        "request.time", "request.modifiedFields", "request.ip", "newData.title", "linkedData.handle",
        "actions.data", "'2024-01-15T10:30:00Z'", "'1h30m'", "[]", "{}", "[1, 2, 3]", "{'a': 1}",
    ]

    static let binaryOperators = ["+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "in"]

    static let unaryFunctions = [
        "size", "string", "int", "uint", "double", "bool", "bytes", "type", "dyn", "timestamp", "duration",
        "math.abs", "math.ceil", "math.sign", "math.isNaN",
    ]

    static let methods = [
        ".size()", ".contains('b')", ".startsWith('a')", ".endsWith(',')", ".split(',')", ".lowerAscii()",
        ".upperAscii()", ".trim()", ".replace('a', 'bb')", ".matches('a+')", ".charAt(1)", ".indexOf('b')",
        ".substring(1)", ".join('-')", ".getFullYear()", ".getHours('+01:00')", ".getTime()", ".ref('owner.id')",
    ]

    /// A random expression with at most `depth` levels of nesting; `locals` are
    /// names bound by enclosing macros.
    mutating func expression(depth: Int, locals: [String] = []) -> String {
        if depth <= 0 || below(5) == 0 {
            if !locals.isEmpty, below(3) == 0 { return pick(locals) }
            return pick(Self.atoms)
        }
        let sub = depth - 1
        switch below(12) {
        case 0, 1:
            return
                "\(expression(depth: sub, locals: locals)) \(pick(Self.binaryOperators)) \(expression(depth: sub, locals: locals))"
        case 2:
            return "\(pick(["!", "-", "!!", "--"]))\(expression(depth: sub, locals: locals))"
        case 3:
            return
                "(\(expression(depth: sub, locals: locals)) ? \(expression(depth: sub, locals: locals)) : \(expression(depth: sub, locals: locals)))"
        case 4:
            return "\(pick(Self.unaryFunctions))(\(expression(depth: sub, locals: locals)))"
        case 5:
            return "(\(expression(depth: sub, locals: locals)))\(pick(Self.methods))"
        case 6:
            let variable = pick(["x", "y", "k"])
            let macro = pick(["all", "exists", "exists_one", "map", "filter"])
            let range = pick([
                "[1, 2, 3]", "data.tags", "{'a': 1, 'b': 2}", "request.modifiedFields",
                expression(depth: sub, locals: locals),
            ])
            return "\(range).\(macro)(\(variable), \(expression(depth: sub, locals: locals + [variable])))"
        case 7:
            let variable = pick(["v", "w"])
            return
                "cel.bind(\(variable), \(expression(depth: sub, locals: locals)), \(expression(depth: sub, locals: locals + [variable])))"
        case 8:
            return "\(expression(depth: sub, locals: locals))[\(expression(depth: sub, locals: locals))]"
        case 9:
            return "[\(expression(depth: sub, locals: locals)), \(expression(depth: sub, locals: locals))]"
        case 10:
            return "{\(expression(depth: sub, locals: locals)): \(expression(depth: sub, locals: locals))}"
        default:
            return pick([
                "has(data.x)", "math.greatest(1, 2.5)", "data.ref('owner.id')", "auth.ref('$user.role.type')",
                "rateLimit.posts.limit(auth.id)", "request.time - duration('1h')", "timestamp(data.createdAt)",
            ])
        }
    }

    /// `source` with a few random byte-level edits: replacements, insertions,
    /// deletions and duplicated slices.
    mutating func mutate(_ source: String) -> String {
        var bytes = Array(source.utf8)
        let interesting = Array("()[]{}.,:?!-+*/%<>=&|'\"\\`rbux0123456789eE \n\u{0}".utf8) + [0xC3, 0xA9, 0xFF]
        for _ in 0..<(1 + below(4)) {
            let position = bytes.isEmpty ? 0 : below(bytes.count + 1)
            switch below(4) {
            case 0 where position < bytes.count: bytes[position] = pick(interesting)
            case 1: bytes.insert(pick(interesting), at: position)
            case 2 where position < bytes.count: bytes.remove(at: position)
            default:
                let end = min(bytes.count, position + below(8))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
