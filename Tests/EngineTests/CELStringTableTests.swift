import Testing

@testable import Engine

/// String functions of the standard library and the strings extension (cel-java
/// `CelStringExtensions`: indexes count code points; `matches` is a partial match).
struct CELStringTableTests {
    static let cases: [CELCase] = [
        CELCase("'hello' + ' ' + 'world'", .value(.string("hello world"))),
        CELCase("size('hello')", .value(.int(5))),
        CELCase("'hello'.size()", .value(.int(5))),
        CELCase("size('héllo')", .value(.int(5))),
        CELCase("size('😀')", .value(.int(1))),
        CELCase("'hello'.contains('ell')", .value(.bool(true))),
        CELCase("'hello'.contains('')", .value(.bool(true))),
        CELCase("'hello'.contains('xyz')", .value(.bool(false))),
        CELCase("'hello'.startsWith('he')", .value(.bool(true))),
        CELCase("'hello'.endsWith('lo')", .value(.bool(true))),
        CELCase("'hello'.endsWith('he')", .value(.bool(false))),
        CELCase("'hello'.matches('^h.*o$')", .value(.bool(true))),
        CELCase("'hello'.matches('ell')", .value(.bool(true))),
        CELCase("matches('hello', 'z')", .value(.bool(false))),
        CELCase("'abc'.matches('[')", .error(.invalidArgument)),
        CELCase("'a@b.com'.matches('^[^@]+@[^@]+$')", .value(.bool(true))),
        CELCase("data.title.matches('(?i)^buy')", .value(.bool(true))),
        CELCase("data.title.startsWith('Buy')", .value(.bool(true))),
        CELCase("data.nothing.startsWith('x')", .error(.overloadNotFound)),
        CELCase("'hello'.charAt(1)", .value(.string("e"))),
        CELCase("'hello'.charAt(5)", .value(.string(""))),
        CELCase("'hello'.charAt(6)", .error(.internalError)),
        CELCase("'hello'.indexOf('l')", .value(.int(2))),
        CELCase("'hello'.indexOf('l', 3)", .value(.int(3))),
        CELCase("'hello'.indexOf('z')", .value(.int(-1))),
        CELCase("'hello'.lastIndexOf('l')", .value(.int(3))),
        CELCase("'hello'.lastIndexOf('')", .value(.int(5))),
        CELCase("'Hello World'.lowerAscii()", .value(.string("hello world"))),
        CELCase("'Straße'.upperAscii()", .value(.string("STRAßE"))),
        CELCase("'  hi  '.trim()", .value(.string("hi"))),
        CELCase("'a-b-c'.replace('-', '+')", .value(.string("a+b+c"))),
        CELCase("'a-b-c'.replace('-', '+', 1)", .value(.string("a+b-c"))),
        CELCase("'abc'.replace('', '-')", .value(.string("-a-b-c-"))),
        CELCase("'a,b,c'.split(',')", .value(.list([.string("a"), .string("b"), .string("c")]))),
        CELCase("'a,b,c'.split(',', 2)", .value(.list([.string("a"), .string("b,c")]))),
        CELCase("'abc'.split('')", .value(.list([.string("a"), .string("b"), .string("c")]))),
        CELCase("'a,b'.split(',', 0)", .value(.list([]))),
        CELCase("'hello'.substring(1)", .value(.string("ello"))),
        CELCase("'hello'.substring(1, 3)", .value(.string("el"))),
        CELCase("'hello'.substring(3, 1)", .error(.internalError)),
        CELCase("['a', 'b', 'c'].join()", .value(.string("abc"))),
        CELCase("['a', 'b'].join('-')", .value(.string("a-b"))),
        CELCase("[1, 2].join()", .compileError("found no matching overload for 'join' applied to 'list(int).()'")),
        CELCase("dyn([1]).join()", .error(.internalError)),
        CELCase("'héllo'.charAt(1)", .value(.string("é"))),
        CELCase("'😀a'.indexOf('a')", .value(.int(1))),
        CELCase("'hello'.upperAscii().lowerAscii()", .value(.string("hello"))),
        CELCase(
            "'a'.startsWith()", .compileError("found no matching overload for 'startsWith' applied to 'string.()'")),
        CELCase(
            "contains('a', 'b')",
            .compileError("found no matching overload for 'contains' applied to '(string, string)'")),
        CELCase("data.tags.join(',')", .value(.string("a,b"))),
        CELCase("auth.email.split('@')[1]", .value(.string("example.com"))),
        CELCase("auth.email.endsWith('@example.com')", .value(.bool(true))),
    ]

    @Test(arguments: cases)
    func evaluates(_ row: CELCase) {
        row.run()
    }
}
