import Testing

@testable import Engine

/// UUID parsing and the normalisation of data-model §8.1 step 2.
struct UUIDTests {
    @Test func parsesEitherCaseAndPrintsLowercase() throws {
        let id = try #require(EntityID("6A1F0C2E-9B3D-4E5F-8A7B-0C1D2E3F4A5B"))
        #expect(id.uuidString == "6a1f0c2e-9b3d-4e5f-8a7b-0c1d2e3f4a5b")
        #expect(EntityID(id.uuidString) == id)
        #expect(EntityID(canonical: "6A1F0C2E-9B3D-4E5F-8A7B-0C1D2E3F4A5B") == nil)
    }

    @Test(arguments: [
        "", "6a1f0c2e-9b3d-4e5f-8a7b-0c1d2e3f4a5", "6a1f0c2e9b3d-4e5f-8a7b-0c1d2e3f4a5b0",
        "6a1f0c2e-9b3d-4e5f-8a7b-0c1d2e3f4a5g", "{6a1f0c2e-9b3d-4e5f-8a7b-0c1d2e3f4a}",
    ])
    func rejectsNonUUIDs(_ text: String) {
        #expect(EntityID(text) == nil)
    }

    @Test func everyByteInEveryDigitPlaceParsesOnlyAsAHexDigit() {
        let base = Array("6a1f0c2e-9b3d-4e5f-8a7b-0c1d2e3f4a5b".utf8)
        let hex = Array("0123456789abcdefABCDEF".utf8)
        for place in base.indices where base[place] != UInt8(ascii: "-") {
            for byte in UInt8.min...UInt8.max {
                var text = base
                text[place] = byte
                // A lone byte above 0x7F decodes to U+FFFD, three bytes: too long for an id.
                let parsed = EntityID(String(decoding: text, as: UTF8.self))
                #expect((parsed != nil) == hex.contains(byte), "byte \(byte) at \(place)")
                if let parsed {
                    var lowercase = base
                    lowercase[place] = byte | 0x20  // digits already have bit 5 set
                    #expect(Array(parsed.uuidString.utf8) == lowercase)
                }
            }
        }
    }

    @Test func aSubstringParsesAsTheStringItCopies() {
        let header = "  6A1F0C2E-9B3D-4E5F-8A7B-0C1D2E3F4A5B "
        let slice = header.dropFirst(2).dropLast()
        #expect(EntityID(slice) == EntityID(String(slice)))
        #expect(EntityID(slice) != nil)
        #expect(EntityID(header.dropFirst(1)) == nil)
    }

    @Test func randomIDsAreVersion4() {
        let id = EntityID.random()
        let text = Array(id.uuidString)
        #expect(text[14] == "4")
        #expect("89ab".contains(text[19]))
        #expect(EntityID.random() != id)
    }

    @Test func normalisationLowercasesUUIDsEverywhereIncludingKeys() {
        let upper = "ABCDEF00-1234-4ABC-8DEF-0123456789AB"
        let lower = upper.lowercased()
        let input = JSONValue.parse(
            #"[["add-triple","\#(upper)","\#(upper)",{"\#(upper)":["\#(upper)","ABCDEF00-1234"]}]]"#)
        let expected = JSONValue.parse(
            #"[["add-triple","\#(lower)","\#(lower)",{"\#(lower)":["\#(lower)","ABCDEF00-1234"]}]]"#)
        let normalized = TxStep.normalizingUUIDs(input)
        #expect(normalized.jsonString == expected.jsonString)
    }

    @Test func storedValuesAreLowercased() throws {
        let schema = TestSchema()
        var app = try TestApp(schema)
        let upper = "ABCDEF00-1234-4ABC-8DEF-0123456789AB"
        try app.transact(
            json: #"[["add-triple","\#(upper)","\#(schema.name.id)","\#(upper)"]]"#)
        let e = try #require(EntityID(upper))
        #expect(app.value(e, schema.name) == .string(upper.lowercased()))
        #expect(app.state.triples(of: e, attr: schema.name.id).first?.value == .id(e))
    }
}
