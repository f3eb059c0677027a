import Testing

@testable import Engine

/// Type conversions and `type()` (CEL "Type Conversions"; cel-java formats: Java
/// `Double.toString`, `Long.parseLong`).
struct CELConversionTableTests {
    static let cases: [CELCase] = [
        CELCase("int('42')", .value(.int(42))),
        CELCase("int('-42')", .value(.int(-42))),
        CELCase("int('4.2')", .error(.badFormat)),
        CELCase("int(' 42')", .error(.badFormat)),
        CELCase("int(3.9)", .value(.int(3))),
        CELCase("int(-3.9)", .value(.int(-3))),
        CELCase("int(1e19)", .error(.numericOverflow)),
        CELCase("int(18446744073709551615u)", .error(.numericOverflow)),
        CELCase("int(42u)", .value(.int(42))),
        CELCase("uint(42)", .value(.uint(42))),
        CELCase("uint(-1)", .error(.numericOverflow)),
        CELCase("uint('7')", .value(.uint(7))),
        CELCase("uint(2.9)", .value(.uint(2))),
        CELCase("double(3)", .value(.double(3))),
        CELCase("double('2.5')", .value(.double(2.5))),
        CELCase("double('abc')", .error(.badFormat)),
        CELCase("double('1e3')", .value(.double(1000))),
        CELCase("double(7u)", .value(.double(7))),
        CELCase("string(42)", .value(.string("42"))),
        CELCase("string(-7)", .value(.string("-7"))),
        CELCase("string(1.5)", .value(.string("1.5"))),
        CELCase("string(2.0)", .value(.string("2.0"))),
        CELCase("string(1e21)", .value(.string("1.0E21"))),
        CELCase("string(0.0001)", .value(.string("1.0E-4"))),
        CELCase("string(123456.789)", .value(.string("123456.789"))),
        CELCase("string(10000000.0)", .value(.string("1.0E7"))),
        CELCase("string(-0.5)", .value(.string("-0.5"))),
        CELCase("string(true)", .value(.string("true"))),
        CELCase("string(7u)", .value(.string("7"))),
        CELCase("string(b'hi')", .value(.string("hi"))),
        CELCase("string(b'\\xff')", .error(.badFormat)),
        CELCase("string('s')", .value(.string("s"))),
        CELCase("bool('true')", .value(.bool(true))),
        CELCase("bool('f')", .value(.bool(false))),
        CELCase("bool('yes')", .error(.badFormat)),
        CELCase("bytes('abc') == b'abc'", .value(.bool(true))),
        CELCase("size(bytes('é'))", .value(.int(2))),
        CELCase("type(1) == int", .value(.bool(true))),
        CELCase("type(1u) == uint", .value(.bool(true))),
        CELCase("type('a') == string", .value(.bool(true))),
        CELCase("type(true) == bool", .value(.bool(true))),
        CELCase("type(null) == null_type", .value(.bool(true))),
        CELCase("type([]) == list", .value(.bool(true))),
        CELCase("type({}) == map", .value(.bool(true))),
        CELCase("type(b'') == bytes", .value(.bool(true))),
        CELCase("type(1.0) == double", .value(.bool(true))),
        CELCase("type(int) == type", .value(.bool(true))),
        CELCase("type(1) == type(2)", .value(.bool(true))),
        CELCase("type(1) == string", .value(.bool(false))),
        CELCase("dyn(5)", .value(.int(5))),
        CELCase("type(request.time) == google.protobuf.Timestamp", .value(.bool(true))),
        CELCase("type(duration('1s')) == google.protobuf.Duration", .value(.bool(true))),
        CELCase("string(null)", .error(.overloadNotFound)),
        CELCase("string([])", .compileError("found no matching overload for 'string' applied to '(list(")),
        CELCase("int(data.title)", .error(.badFormat)),
        CELCase("int(data.count)", .value(.int(3))),
        CELCase("string(data.count) + '!'", .value(.string("3!"))),
        CELCase("string(data.price)", .value(.string("1.5"))),
        CELCase("int(timestamp('1970-01-01T00:01:00Z'))", .value(.int(60))),
        CELCase("int(data.nothing)", .error(.overloadNotFound)),
        CELCase("double(data.count) / 2.0", .value(.double(1.5))),
        CELCase("uint(data.count)", .value(.uint(3))),
        CELCase("bool(data.title)", .error(.badFormat)),
    ]

    @Test(arguments: cases)
    func evaluates(_ row: CELCase) {
        row.run()
    }
}
