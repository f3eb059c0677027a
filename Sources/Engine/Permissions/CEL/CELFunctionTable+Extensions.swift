extension CELFunctionTable {
    /// `timestamp`, `duration` and the timestamp/duration accessors, with Instant's
    /// `timestamp(int)` in milliseconds and `getTime()` (permissions §3.4).
    static let timeFunctions: [(String, [CELOverload])] = {
        func accessor(_ name: String, _ id: String, duration: Bool) -> (String, [CELOverload]) {
            var overloads: [CELOverload] = [
                .member("timestamp_to_\(id)", [.timestamp], .int),
                .member("timestamp_to_\(id)_with_tz", [.timestamp, .string], .int),
            ]
            if duration { overloads.append(.member("duration_to_\(id)", [.duration], .int)) }
            return (name, overloads)
        }
        return [
            (
                "timestamp",
                [
                    .global("string_to_timestamp", [.string], .timestamp),
                    .global("timestamp_to_timestamp", [.timestamp], .timestamp),
                    .global("int64_to_timestamp", [.int], .timestamp),
                ]
            ),
            (
                "duration",
                [
                    .global("duration_to_duration", [.duration], .duration),
                    .global("string_to_duration", [.string], .duration),
                ]
            ),
            accessor("getFullYear", "year", duration: false), accessor("getMonth", "month", duration: false),
            accessor("getDayOfYear", "day_of_year", duration: false),
            accessor("getDayOfMonth", "day_of_month", duration: false),
            accessor("getDate", "day_of_month_1_based", duration: false),
            accessor("getDayOfWeek", "day_of_week", duration: false),
            accessor("getHours", "hours", duration: true), accessor("getMinutes", "minutes", duration: true),
            accessor("getSeconds", "seconds", duration: true),
            accessor("getMilliseconds", "milliseconds", duration: true),
            ("getTime", [.member("_getTime", [.timestamp], .int)]),
        ]
    }()

    /// The strings and math extensions (cel-java 0.11 `CelExtensions.strings()` and
    /// `math` latest) and Instant's `ref` and `limit` (permissions §3.4, §3.7).
    static let extensionFunctions: [(String, [CELOverload])] = {
        let numbers: [(String, CELType)] = [("double", .double), ("int", .int), ("uint", .uint)]
        func minMax(_ name: String) -> [CELOverload] {
            var overloads: [CELOverload] = []
            for (n, t) in numbers { overloads.append(.global("math_@\(name)_\(n)", [t], t)) }
            for (n1, t1) in numbers {
                for (n2, t2) in numbers {
                    overloads.append(.global("math_@\(name)_\(n1)_\(n2)", [t1, t2], t1 == t2 ? t1 : .dyn))
                }
            }
            for (n, t) in numbers { overloads.append(.global("math_@\(name)_list_\(n)", [.list(t)], t)) }
            return overloads
        }
        func doubleOnly(_ name: String, _ result: CELType) -> (String, [CELOverload]) {
            ("math.\(name)", [.global("math_\(name)_double", [.double], result)])
        }
        func perNumber(_ name: String, _ result: CELType?) -> (String, [CELOverload]) {
            ("math.\(name)", numbers.map { .global("math_\(name)_\($0.0)", [$0.1], result ?? $0.1) })
        }
        func bitwise(_ name: String) -> (String, [CELOverload]) {
            (
                "math.\(name)",
                [
                    .global("math_\(name)_int_int", [.int, .int], .int),
                    .global("math_\(name)_uint_uint", [.uint, .uint], .uint),
                ]
            )
        }
        return [
            ("charAt", [.member("string_char_at_int", [.string, .int], .string)]),
            (
                "indexOf",
                [
                    .member("string_index_of_string", [.string, .string], .int),
                    .member("string_index_of_string_int", [.string, .string, .int], .int),
                ]
            ),
            (
                "lastIndexOf",
                [
                    .member("string_last_index_of_string", [.string, .string], .int),
                    .member("string_last_index_of_string_int", [.string, .string, .int], .int),
                ]
            ),
            (
                "join",
                [
                    .member("list_join", [.list(.string)], .string),
                    .member("list_join_string", [.list(.string), .string], .string),
                ]
            ),
            ("lowerAscii", [.member("string_lower_ascii", [.string], .string)]),
            ("upperAscii", [.member("string_upper_ascii", [.string], .string)]),
            ("trim", [.member("string_trim", [.string], .string)]),
            (
                "replace",
                [
                    .member("string_replace_string_string", [.string, .string, .string], .string),
                    .member("string_replace_string_string_int", [.string, .string, .string, .int], .string),
                ]
            ),
            (
                "split",
                [
                    .member("string_split_string", [.string, .string], .list(.string)),
                    .member("string_split_string_int", [.string, .string, .int], .list(.string)),
                ]
            ),
            (
                "substring",
                [
                    .member("string_substring_int", [.string, .int], .string),
                    .member("string_substring_int_int", [.string, .int, .int], .string),
                ]
            ),
            ("math.@max", minMax("max")), ("math.@min", minMax("min")),
            doubleOnly("ceil", .double), doubleOnly("floor", .double), doubleOnly("round", .double),
            doubleOnly("trunc", .double), doubleOnly("isInf", .bool), doubleOnly("isNaN", .bool),
            doubleOnly("isFinite", .bool), perNumber("abs", nil), perNumber("sign", nil), perNumber("sqrt", .double),
            bitwise("bitAnd"), bitwise("bitOr"), bitwise("bitXor"),
            (
                "math.bitNot",
                [.global("math_bitNot_int_int", [.int], .int), .global("math_bitNot_uint_uint", [.uint], .uint)]
            ),
            (
                "math.bitShiftLeft",
                [
                    .global("math_bitShiftLeft_int_int", [.int, .int], .int),
                    .global("math_bitShiftLeft_uint_int", [.uint, .int], .uint),
                ]
            ),
            (
                "math.bitShiftRight",
                [
                    .global("math_bitShiftRight_int_int", [.int, .int], .int),
                    .global("math_bitShiftRight_uint_int", [.uint, .int], .uint),
                ]
            ),
            ("ref", [.member("_ref", [.object, .string], .list(.dyn))]),
            (
                "limit",
                [
                    .member("_rateLimit_limit", [.rateLimitBucket, .dyn], .bool),
                    .member("_rateLimit_limit_tokens", [.rateLimitBucket, .dyn, .int], .bool),
                ]
            ),
        ]
    }()
}
