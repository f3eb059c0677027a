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
