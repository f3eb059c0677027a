import Testing

@testable import Engine

/// Literals, escapes, comments and syntax errors (CEL "Syntax", "String and Bytes
/// Literals"; cel-java's reserved words, repeated-unary collapsing, limits).
struct CELSyntaxTableTests {
    static let cases: [CELCase] = [
        CELCase(#""double""#, .value(.string("double"))),
        CELCase("'single'", .value(.string("single"))),
        CELCase(#""a\nb""#, .value(.string("a\nb"))),
        CELCase(#"'\x41'"#, .value(.string("A"))),
        CELCase(#"'\101'"#, .value(.string("A"))),
        CELCase(#"'\u00e9'"#, .value(.string("é"))),
        CELCase(#"'\U0001F600'"#, .value(.string("😀"))),
        CELCase(#"r'a\nb'"#, .value(.string(#"a\nb"#))),
        CELCase(#"R"\d+""#, .value(.string(#"\d+"#))),
        CELCase("'''a\nb'''", .value(.string("a\nb"))),
        CELCase("'''a\r\nb'''", .value(.string("a\nb"))),
        CELCase(#""""she said "hi" """"#, .value(.string(#"she said "hi" "#))),
        CELCase(#"'it\'s'"#, .value(.string("it's"))),
        CELCase(#""\"q\"""#, .value(.string(#""q""#))),
        CELCase(#"'\\'"#, .value(.string(#"\"#))),
        CELCase(#"'\a\b\f\v'"#, .value(.string("\u{07}\u{08}\u{0C}\u{0B}"))),
        CELCase(#"'\r\n'"#, .value(.string("\r\n"))),
        CELCase(#""\x4a\x4B""#, .value(.string("JK"))),
        CELCase(#"'\?\`'"#, .value(.string("?`"))),
        CELCase(#"'\q'"#, .compileError("Illegal escape sequence")),
        CELCase(#"'\uD800'"#, .compileError("Invalid unicode code point")),
        CELCase(#"'\x4'"#, .compileError("Invalid hex escape sequence")),
        CELCase(#"'\400'"#, .compileError("Illegal escape sequence")),
        CELCase("b'abc'", .value(.bytes([97, 98, 99]))),
        CELCase(#"b'\xff'"#, .value(.bytes([255]))),
        CELCase("b'é'", .value(.bytes([0xC3, 0xA9]))),
        CELCase(#"B"\000\001""#, .value(.bytes([0, 1]))),
        CELCase(#"br'\x00'"#, .value(.bytes(Array(#"\x00"#.utf8)))),
        CELCase(#"b'\u00e9'"#, .compileError("Unicode escape sequences cannot be used in bytes literal")),
        CELCase("'unterminated", .compileError("token recognition error")),
        CELCase("'line\nbreak'", .compileError("token recognition error")),
        CELCase(#"r'\'"#, .compileError("Raw literals cannot end with an odd number of \\")),
        CELCase("'a' 'b'", .compileError("extraneous input")),
        CELCase("// comment\n1 + 1", .value(.int(2))),
        CELCase("1 + // c\n 2", .value(.int(3))),
        CELCase("1 +", .compileError("mismatched input '<EOF>'")),
        CELCase("(1 + 2", .compileError("mismatched input '<EOF>' expecting ')'")),
        CELCase("[1, 2,]", .value(.list([.int(1), .int(2)]))),
        CELCase("{'a': 1,}.a", .value(.int(1))),
        CELCase("[,]", .compileError("mismatched input ','")),
        CELCase("()", .compileError("mismatched input ')'")),
        CELCase("f(1,)", .compileError("mismatched input ')'")),
        CELCase("a.b.c{x: 1}", .compileError("undeclared reference to 'a.b.c'")),
        CELCase("if", .compileError("reserved identifier: if")),
        CELCase("while(1)", .compileError("reserved identifier: while")),
        CELCase("[1].map(var, var)", .compileError("reserved identifier: var")),
        CELCase("1 = 1", .compileError("token recognition error at: '='")),
        CELCase("data.?title", .compileError("unsupported syntax '.?'")),
        CELCase("#", .compileError("token recognition error at: '#'")),
        CELCase("1 2", .compileError("extraneous input '2' expecting <EOF>")),
        CELCase("data.", .compileError("mismatched input '<EOF>'")),
        CELCase("true false", .compileError("extraneous input 'false'")),
        CELCase("foo", .compileError("undeclared reference to 'foo' (in container '')")),
        CELCase("foo(1)", .compileError("undeclared reference to 'foo' (in container '')")),
        CELCase("data.foo(1)", .compileError("undeclared reference to 'foo' (in container '')")),
        CELCase("size(1, 2)", .compileError("found no matching overload for 'size' applied to '(int, int)'")),
        CELCase("newData.title", .compileError("undeclared reference to 'newData' (in container '')"), action: .view),
        CELCase("newData.title", .compileError("undeclared reference to 'newData' (in container '')"), action: .delete),
        CELCase("newData.title", .value(.string("Buy oat milk")), action: .update),
        CELCase("newData.title", .value(.string("Buy oat milk")), action: .create),
        CELCase("linkedData.id", .compileError("undeclared reference to 'linkedData'"), action: .update),
        CELCase("linkedData.id", .value(.string("u2")), action: .unlink),
        CELCase("actions.data", .compileError("undeclared reference to 'actions'"), action: .unlink),
        CELCase("auth.id == data.ownerId", .value(.bool(true)), action: .view),
        CELCase("rateLimit.posts.limit(request.ip)", .value(.bool(true)), action: .view),
        CELCase(
            String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300),
            .compileError("Expression recursion limit exceeded. limit: 250")),
        CELCase(
            Array(repeating: "1", count: 300).joined(separator: " + "),
            .compileError("Expression recursion limit exceeded. limit: 250")),
        CELCase(Array(repeating: "false", count: 299).joined(separator: " || ") + " || true", .value(.bool(true))),
        CELCase(Array(repeating: "true", count: 500).joined(separator: " && "), .value(.bool(true))),
        CELCase(
            "'" + String(repeating: "a", count: 100_001) + "'",
            .compileError("expression code point size exceeds limit: size: 100003, limit 100000")),
    ]

    @Test(arguments: cases)
    func evaluates(_ row: CELCase) {
        row.run()
    }
}
