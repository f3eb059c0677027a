import Testing

@testable import Engine

/// Queries give a rule only the members of `data` it selects, and `auth.id` without the
/// user's row (`CELPlan.fieldsRead`): the decisions must be those of the whole maps.
@Suite struct PermissionPartialDataTests {
    typealias F = QueryFixtures

    /// What `fieldsRead` finds, sorted; nil when the rule may read the whole map.
    static func fields(_ rule: String, of variable: CELVariable = .data) throws -> [String]? {
        try CELProgram.compile(rule, action: .view).plan.fieldsRead(of: variable)?.sorted()
    }

    @Test func namedSelectionsAreTheFieldsRead() throws {
        #expect(try Self.fields("auth.id == data.id") == ["id"])
        #expect(try Self.fields("data.a > 1 && has(data.b) || data.c.startsWith('x')") == ["a", "b", "c"])
        #expect(try Self.fields("auth.id in data.ref('owner.id')") == ["id"])
        #expect(try Self.fields("data.tags.exists(t, t == data.kind)") == ["kind", "tags"])
        #expect(try Self.fields("cel.bind(x, data.a, x + 1 > data.b)") == ["a", "b"])
        #expect(try Self.fields("[data.a, {'k': data.b}].size() == 2") == ["a", "b"])
        #expect(try Self.fields("true") == [])
        #expect(try Self.fields("auth.email == 'a@b.c'") == [])
        #expect(try Self.fields("auth.id != null", of: .auth) == ["id"])
        #expect(try Self.fields("auth.email == data.email", of: .auth) == ["email"])
    }

    @Test func wholeMapUsesReadEverything() throws {
        #expect(try Self.fields("size(data) > 1") == nil)
        #expect(try Self.fields("'a' in data") == nil)
        #expect(try Self.fields("data == {'id': '1'}") == nil)
        #expect(try Self.fields("cel.bind(d, data, d.a == 1)") == nil)
        #expect(try Self.fields("data.all(k, k != 'x')") == nil)
        #expect(try Self.fields("[data].size() == 1 && data.a == 1") == nil)
        #expect(try Self.fields("auth.ref('$user.posts.id').size() > 0 || auth == {}", of: .auth) == nil)
    }

    /// `ruleMembers` gives each member exactly as the whole map has it, `id` included,
    /// and nothing for an entity without triples of the etype.
    @Test func membersEqualTheWholeMapOnZeneca() throws {
        let state = F.zeneca
        for etype in ["users", "bookshelves", "books"] {
            let labels = state.catalog.attrs(of: etype).map(\.label) + ["id", "missing"]
            let slots = state.ruleFieldSlots(etype: etype, labels: labels)
            let entities = PermissionReference.entities(of: etype, in: state)
            #expect(!entities.isEmpty)
            for entity in entities.prefix(40) {
                var whole = state.ruleMap(of: entity, etype: etype)
                whole["id"] = whole["id"] ?? JSONValue(entity)
                let members = state.ruleMembers(of: entity, only: slots)
                let map = CELMap(members: members, refTarget: .entity(etype: etype))
                for label in labels {
                    #expect(map.value(for: .string(label))?.isEqual(to: CELValue(json: whole[label] ?? .null)) == true)
                }
                #expect(Set(members.map(\.key)).isSubset(of: Set(whole.keys)))
            }
            let other = etype == "books" ? "users" : "books"
            let stranger = PermissionReference.entities(of: other, in: state)[0]
            #expect(state.ruleMembers(of: stranger, only: slots).isEmpty)
        }
    }

    /// Random rules over the hardening app give the same rows when the rule also reads
    /// the whole map (which turns the partial map off): `size(data) > -1 ? (rule) : false`.
    @Test func partialAndWholeMapsDecideAlike() throws {
        var g = CELExpressionGenerator(seed: 0x5EED_0003)
        for round in 0..<80 {
            var app = try PermissionHardeningTests.makeApp(&g)
            let rule = PermissionHardeningTests.expression(&g, depth: 2)
            let viewer = RuleViewer(user: g.below(3) == 0 ? nil : g.pick(PermissionHardeningTests.users))
            let query: JSONValue = ["items": ["parts": [:]], "$$ruleParams": ["k": "ab"]]
            var outcomes: [String] = []
            for text in [rule, "size(data) > -1 ? (\(rule)) : false"] {
                try app.setRules(["items": ["allow": ["view": .string(text)]]])
                do {
                    outcomes.append("\(try app.ids("items", query, as: viewer).sorted())")
                } catch {
                    outcomes.append("\(error.kind)")
                }
            }
            #expect(outcomes[0] == outcomes[1], "round \(round): `\(rule)`")
        }
    }
}
