import Testing

@testable import Engine

/// The JSON parser and writer (data-model §1.1: values round-trip exactly).
struct JSONTests {
    @Test(arguments: [
        #"{"b":1,"a":2,"c":{"z":null,"y":[true,false]}}"#,
        #"[1,-2,0,9223372036854775807,-9223372036854775808]"#,
        #"123456789012345678901234567890"#,
        #"-98765432109876543210"#,
        #"0.1000000000000000055511151231257827"#,
        #"1.5"#,
        #"-0.25"#,
        #"-0.0"#,
        #"[1.0,100.0,-3.0]"#,
        #""é😀 \"quoted\" back\\slash\n\t\r\u0001""#,
        #"{"":"","k":[[],{}]}"#,
        #"[null,true,false,"x"]"#,
    ])
    func roundTripsCompactText(_ text: String) throws {
        let value = try JSONParser.parse(text)
        #expect(value.jsonString == text)
        #expect(try JSONParser.parse(value.jsonString) == value)
    }

    @Test func integersStayIntegers() throws {
        guard case .int(42) = try JSONParser.parse("42") else { Issue.record("42 is not .int"); return }
        guard case .int(Int64.max) = try JSONParser.parse("9223372036854775807") else {
            Issue.record("Int64.max is not .int")
            return
        }
        guard case .int(-7) = try JSONParser.parse("-7") else { Issue.record("-7 is not .int"); return }
        #expect(JSONValue.int(1_718_117_715_976).jsonString == "1718117715976")
    }

    @Test func numbersTooBigForInt64KeepTheirText() throws {
        let text = "9223372036854775808"
        let value = try JSONParser.parse(text)
        #expect(value == .bigNumber(text))
        #expect(value.jsonString == text)
        #expect(value.kindName == "number")
    }

    @Test func doublesAreDoubles() throws {
        #expect(try JSONParser.parse("1.5") == .double(1.5))
        #expect(try JSONParser.parse("2.5e3") == .double(2500))
        #expect(try JSONParser.parse("2.5e3").isNumber)
    }

    @Test func objectsKeepKeyOrder() throws {
        let value = try JSONParser.parse(#"{"zeta":1,"alpha":2,"mid":3}"#)
        #expect(value.objectValue?.keys == ["zeta", "alpha", "mid"])
        var object = value.objectValue!
        object["alpha"] = nil
        object["new"] = 4
        #expect(JSONValue.object(object).jsonString == #"{"zeta":1,"mid":3,"new":4}"#)
    }

    @Test func equalityIsJSONEquality() throws {
        #expect(JSONValue.int(1) == .double(1.0))
        #expect(JSONValue.int(1).hashValue == JSONValue.double(1.0).hashValue)
        #expect(JSONValue.string("1") != .int(1))
        let a = try JSONParser.parse(#"{"a":1,"b":[1,2]}"#)
        let b = try JSONParser.parse(#"{"b":[1,2],"a":1}"#)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(try JSONParser.parse("[1,2]") != JSONParser.parse("[2,1]"))
    }

    @Test func deepNestingUpToTheLimit() throws {
        let depth = JSONParser.maximumDepth - 1
        let text = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        let value = try JSONParser.parse(text)
        #expect(value.jsonString == text)
        let tooDeep = String(repeating: "[", count: JSONParser.maximumDepth + 1)
            + String(repeating: "]", count: JSONParser.maximumDepth + 1)
        #expect(throws: JSONParser.Error.tooDeep) { try JSONParser.parse(tooDeep) }
    }

    @Test func escapesAreDecoded() throws {
        let value = try JSONParser.parse(#""\u00e9\/\b\f\ud83d\ude00\"""#)
        #expect(value == .string("é/\u{8}\u{C}😀\""))
        // The writer escapes only what it must, and control characters as \u00XX.
        #expect(JSONValue.string("a/b\u{8}").jsonString == #""a/b\u0008""#)
    }

    @Test(arguments: [
        ("", JSONParser.Error.unexpectedEnd),
        ("[1,]", .unexpectedByte(offset: 3)),
        ("01", .trailingData(offset: 1)),
        ("[1] x", .trailingData(offset: 4)),
        ("1.", .invalidNumber(offset: 0)),
        ("1e", .invalidNumber(offset: 0)),
        ("-", .unexpectedEnd),
        ("tru", .unexpectedEnd),
        ("nulL", .unexpectedByte(offset: 3)),
        (#"{"a" 1}"#, .unexpectedByte(offset: 5)),
        ("{'a':1}", .unexpectedByte(offset: 1)),
        ("NaN", .unexpectedByte(offset: 0)),
        (#""abc"#, .unexpectedEnd),
        (#""\x""#, .invalidString(offset: 2)),
        (#""\ud83d""#, .invalidString(offset: 7)),
        (#""\ude00""#, .invalidString(offset: 7)),
        ("\"tab\there\"", .invalidString(offset: 4)),
    ])
    func rejectsInvalidInput(_ text: String, _ error: JSONParser.Error) {
        #expect(throws: error) { try JSONParser.parse(text) }
    }

    @Test func valuesSurviveATransactionByteForByte() throws {
        let s = TestSchema()
        var app = try TestApp(s)
        let e = EntityID.test(1)
        let value = #"{"zeta":12345678901234567890123,"alpha":[1,1.5,-0.0,"é\n"],"mid":{"b":null,"a":true}}"#
        try app.transact(json: #"[["add-triple","\#(e)","\#(s.settings.id)",\#(value)]]"#)
        #expect(app.value(e, s.settings)?.jsonString == value)
        #expect(app.state.allTriples().first { $0.attr == s.settings.id }?.json.jsonString.contains(value) == true)
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParser.Error.invalidString(offset: 0)) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
        // After ASCII, and after an escape (strings are checked on both paths).
        let afterASCII = Array(#""ab"#.utf8) + [0xC3, 0x22]
        let afterEscape = Array(#""a\n"#.utf8) + [0xFF, 0x22]
        #expect(throws: JSONParser.Error.invalidString(offset: 0)) { try JSONParser.parse(afterASCII) }
        #expect(throws: JSONParser.Error.invalidString(offset: 0)) { try JSONParser.parse(afterEscape) }
    }

    @Test func stringsParseToTheirTextOnEveryPath() throws {
        for (text, expected) in [
            (#""plain ascii""#, "plain ascii"), (#""caf\u00e9""#, "café"), (#""café""#, "café"),
            (#""tab\there""#, "tab\there"), (#""😀 and é""#, "😀 and é"), (#""\ud83d\ude00""#, "😀"), (#""""#, ""),
        ] {
            #expect(try JSONParser.parse(Array(text.utf8)) == .string(expected), "\(text)")
        }
    }
}
