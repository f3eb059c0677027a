/// The functions a rule may call and their signatures: the CEL standard library,
/// the strings and math extensions, and Instant's additions (permissions §3.4).
///
/// The checker resolves calls against this table; the evaluator implements the same
/// names. Operators appear under cel-java's function names (`_+_`, `@in`, …).
enum CELFunctionTable {
    /// Overloads by function name.
    static let declarations: [String: [CELOverload]] = {
        var table: [String: [CELOverload]] = [:]
        for (name, overloads) in standardOperators + standardFunctions + timeFunctions + extensionFunctions {
            table[name, default: []].append(contentsOf: overloads)
        }
        return table
    }()

    /// First type parameter of generic signatures.
    static let a = CELType.parameter("A")
    /// Second type parameter of generic signatures.
    static let b = CELType.parameter("B")

    /// Operators of the standard environment.
    static let standardOperators: [(String, [CELOverload])] = {
        let numeric: [(String, CELType)] = [("int64", .int), ("uint64", .uint), ("double", .double)]
        let ordered: [(String, CELType)] =
            [
                ("bool", .bool), ("int64", .int), ("uint64", .uint), ("double", .double), ("string", .string),
                ("bytes", .bytes), ("timestamp", .timestamp), ("duration", .duration),
            ]
        func comparison(_ prefix: String) -> [CELOverload] {
            ordered.map { .global("\(prefix)_\($0.0)", [$0.1, $0.1], .bool) }
        }
        func arithmetic(_ prefix: String, _ kinds: [(String, CELType)]) -> [CELOverload] {
            kinds.map { .global("\(prefix)_\($0.0)", [$0.1, $0.1], $0.1) }
        }
        return [
            ("!_", [.global("logical_not", [.bool], .bool)]),
            ("-_", [.global("negate_int64", [.int], .int), .global("negate_double", [.double], .double)]),
            ("_&&_", [.global("logical_and", [.bool, .bool], .bool)]),
            ("_||_", [.global("logical_or", [.bool, .bool], .bool)]),
            ("_?_:_", [.global("conditional", [.bool, a, a], a)]),
            ("_==_", [.global("equals", [a, a], .bool)]),
            ("_!=_", [.global("not_equals", [a, a], .bool)]),
            ("_<_", comparison("less")), ("_<=_", comparison("less_equals")),
            ("_>_", comparison("greater")), ("_>=_", comparison("greater_equals")),
            ("@in", [.global("in_list", [a, .list(a)], .bool), .global("in_map", [a, .map(a, b)], .bool)]),
            ("_[_]", [.global("index_list", [.list(a), .int], a), .global("index_map", [.map(a, b), a], b)]),
            (
                "_+_",
                arithmetic("add", numeric + [("string", .string), ("bytes", .bytes)]) + [
                    .global("add_list", [.list(a), .list(a)], .list(a)),
                    .global("add_timestamp_duration", [.timestamp, .duration], .timestamp),
                    .global("add_duration_timestamp", [.duration, .timestamp], .timestamp),
                    .global("add_duration_duration", [.duration, .duration], .duration),
                ]
            ),
            (
                "_-_",
                arithmetic("subtract", numeric) + [
                    .global("subtract_timestamp_timestamp", [.timestamp, .timestamp], .duration),
                    .global("subtract_timestamp_duration", [.timestamp, .duration], .timestamp),
                    .global("subtract_duration_duration", [.duration, .duration], .duration),
                ]
            ),
            ("_*_", arithmetic("multiply", numeric)), ("_/_", arithmetic("divide", numeric)),
            ("_%_", arithmetic("modulo", [("int64", .int), ("uint64", .uint)])),
        ]
    }()

    /// Conversions and the other standard functions.
    static let standardFunctions: [(String, [CELOverload])] = [
        (
            "size",
            [
                .global("size_string", [.string], .int), .global("size_bytes", [.bytes], .int),
                .global("size_list", [.list(a)], .int), .global("size_map", [.map(a, b)], .int),
                .member("string_size", [.string], .int), .member("bytes_size", [.bytes], .int),
                .member("list_size", [.list(a)], .int), .member("map_size", [.map(a, b)], .int),
            ]
        ),
        ("bool", [.global("bool_to_bool", [.bool], .bool), .global("string_to_bool", [.string], .bool)]),
        ("bytes", [.global("bytes_to_bytes", [.bytes], .bytes), .global("string_to_bytes", [.string], .bytes)]),
        (
            "double",
            [
                .global("double_to_double", [.double], .double), .global("int64_to_double", [.int], .double),
                .global("uint64_to_double", [.uint], .double), .global("string_to_double", [.string], .double),
            ]
        ),
        (
            "int",
            [
                .global("int64_to_int64", [.int], .int), .global("uint64_to_int64", [.uint], .int),
                .global("double_to_int64", [.double], .int), .global("string_to_int64", [.string], .int),
                .global("timestamp_to_int64", [.timestamp], .int),
            ]
        ),
        (
            "uint",
            [
                .global("uint64_to_uint64", [.uint], .uint), .global("int64_to_uint64", [.int], .uint),
                .global("double_to_uint64", [.double], .uint), .global("string_to_uint64", [.string], .uint),
            ]
        ),
        (
            "string",
            [
                .global("string_to_string", [.string], .string), .global("int64_to_string", [.int], .string),
                .global("uint64_to_string", [.uint], .string), .global("double_to_string", [.double], .string),
                .global("bool_to_string", [.bool], .string), .global("bytes_to_string", [.bytes], .string),
                .global("timestamp_to_string", [.timestamp], .string),
                .global("duration_to_string", [.duration], .string),
            ]
        ),
        ("type", [.global("type", [a], .type(a))]),
        ("dyn", [.global("to_dyn", [a], .dyn)]),
        (
            "matches",
            [.global("matches", [.string, .string], .bool), .member("matches_string", [.string, .string], .bool)]
        ),
        ("contains", [.member("contains_string", [.string, .string], .bool)]),
        ("startsWith", [.member("starts_with_string", [.string, .string], .bool)]),
        ("endsWith", [.member("ends_with_string", [.string, .string], .bool)]),
    ]
}
