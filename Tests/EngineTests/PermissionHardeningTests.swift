import Testing

@testable import Engine

/// Random rule documents and expressions never crash the server and never let a query
/// or transaction read or change what a rule denies (issue #8 hardening).
@Suite struct PermissionHardeningTests {
    static let users = [PermissionIDs.u1, PermissionIDs.u2]
    static let parts = Attr.make("items", "parts", ref: ("parts", "items"), cardinality: .many)

    /// Atoms of the reference grammar: meaningful over the items model, some able to
    /// fail at evaluation (`startsWith` on a null tag, `in` on null).
    static let atoms = [
        "data.n > 3", "data.n % 2 == 0", "data.owner == auth.id", "data.flag == true", "data.flag",
        "data.tag.startsWith('a')", "size(data.ref('parts.id')) > 1", "2 in data.ref('parts.weight')",
        "auth.id != null", "data.tag in ['ab', 'b']", "ruleParams.k == data.tag", "data.n", "data.tag == null",
        "data.missing", "1 / (data.n - 2) > 0", "data.tag.size() > 1",
    ]

    static func expression(_ g: inout CELExpressionGenerator, depth: Int) -> String {
        if depth == 0 || g.below(3) == 0 { return g.pick(atoms) }
        switch g.below(4) {
        case 0: return "(\(expression(&g, depth: depth - 1)) && \(expression(&g, depth: depth - 1)))"
        case 1: return "(\(expression(&g, depth: depth - 1)) || \(expression(&g, depth: depth - 1)))"
        case 2: return "!(\(expression(&g, depth: depth - 1)) == true)"
        default:
            return
                "(\(expression(&g, depth: depth - 1)) ? \(expression(&g, depth: depth - 1)) : \(expression(&g, depth: depth - 1)))"
        }
    }

    /// A random items/parts app.
    static func makeApp(_ g: inout CELExpressionGenerator) throws -> PermissionApp {
        var app = try PermissionApp(rules: [:], attrs: [parts])
        var steps: [JSONValue] = []
        var partIDs: [EntityID] = []
        for _ in 0..<4 {
            let part = EntityID.random()
            partIDs.append(part)
            steps.append(["update", "parts", JSONValue(part), ["weight": .int(Int64(g.below(4)))]])
        }
        for _ in 0..<(3 + g.below(6)) {
            let item = EntityID.random()
            var values: JSONObject = ["n": .int(Int64(g.below(7)))]
            if g.below(4) > 0 { values["owner"] = JSONValue(g.pick(users)) }
            if g.below(3) > 0 { values["tag"] = .string(g.pick(["ab", "b", "ca", ""])) }
            if g.below(2) == 0 { values["flag"] = g.below(3) == 0 ? .null : .bool(g.below(2) == 0) }
            steps.append(["update", "items", JSONValue(item), .object(values)])
            for part in partIDs where g.below(3) == 0 {
                steps.append(["link", "items", JSONValue(item), ["parts": JSONValue(part)]])
            }
        }
        try app.transact(.array(steps), as: nil)
        return app
    }

    /// The reference verdict for one entity: pass, deny, or evaluation failure.
    enum Verdict: Equatable {
        case pass
        case deny
        case failure
    }

    static func verdict(_ rule: String, _ context: PermissionReference, action: CELRuleAction) -> Verdict {
        guard let program = try? CELProgram.compile(rule, action: action) else { return .failure }
        switch program.passes(in: context) {
        case .success(true): return .pass
        case .success(false): return .deny
        case .failure: return .failure
        }
    }

    @Test func queriesMatchTheBruteForceReference() throws {
        var g = CELExpressionGenerator(seed: 0x5EED_0001)
        for round in 0..<120 {
            var app = try Self.makeApp(&g)
            let rule = Self.expression(&g, depth: 2)
            try app.setRules(["items": ["allow": ["view": .string(rule)]]])
            let viewerID: EntityID? = g.below(3) == 0 ? nil : g.pick(Self.users)
            let threshold = Int64(g.below(5))
            let wanted: Set<Int64> = [threshold, threshold + 1, threshold + 2]
            var expected: [EntityID] = []
            var fails = false
            for item in PermissionReference.entities(of: "items", in: app.state) {
                var context = PermissionReference(
                    state: app.state, auth: viewerID,
                    data: PermissionReference.map(of: item, etype: "items", in: app.state))
                context.ruleParams = ["k": "ab"]
                // Rules run only on the rows the query returns (§5.1 step 3).
                guard wanted.contains(context.data["n"]?.intValue ?? -1) else { continue }
                switch Self.verdict(rule, context, action: .view) {
                case .pass: expected.append(item)
                case .deny: break
                case .failure: fails = true
                }
            }
            let query: JSONValue = [
                "items": ["$": ["where": ["n": ["$in": .array(wanted.sorted().map { .int($0) })]]], "parts": [:]],
                "$$ruleParams": ["k": "ab"],
            ]
            do {
                let ids = try app.ids("items", query, as: RuleViewer(user: viewerID))
                #expect(!fails, "round \(round): `\(rule)` should have failed")
                #expect(Set(ids) == Set(expected.map(\.uuidString)), "round \(round): `\(rule)`")
            } catch {
                #expect(fails, "round \(round): `\(rule)` failed with \(error)")
                #expect(error.kind == .permissionEvaluationFailed, "round \(round): \(error)")
            }
        }
    }

    @Test func transactionsMatchTheBruteForceReference() throws {
        var g = CELExpressionGenerator(seed: 0x5EED_0002)
        for round in 0..<120 {
            var app = try Self.makeApp(&g)
            let rule = Self.expression(&g, depth: 2)
            let deleting = g.below(4) == 0
            let action: CELRuleAction = deleting ? .delete : .update
            try app.setRules(["items": ["allow": .object(JSONObject([(action.rawValue, .string(rule))]))]])
            let viewerID: EntityID? = g.below(3) == 0 ? nil : g.pick(Self.users)
            let items = PermissionReference.entities(of: "items", in: app.state)
            var chosen: [EntityID] = []
            for _ in 0..<(1 + g.below(3)) {
                let item = g.pick(items)
                if !chosen.contains(item) { chosen.append(item) }
            }
            var expected = Verdict.pass
            var steps: [JSONValue] = []
            for item in chosen {
                let data = PermissionReference.map(of: item, etype: "items", in: app.state)
                let newN = Int64(g.below(7))
                var newData = data
                newData["n"] = .int(newN)
                let context = PermissionReference(
                    state: app.state, auth: viewerID, data: data, newData: deleting ? nil : newData)
                if expected == .pass { expected = Self.verdict(rule, context, action: action) }
                steps.append(
                    deleting
                        ? ["delete", "items", JSONValue(item), [:]]
                        : ["update", "items", JSONValue(item), ["n": .int(newN)]])
            }
            let before = app.snapshot
            do {
                try app.transact(.array(steps), as: RuleViewer(user: viewerID))
                #expect(expected == .pass, "round \(round): `\(rule)` let a write through")
            } catch {
                #expect(app.snapshot == before, "round \(round): a rejected write changed data")
                switch expected {
                case .pass: Issue.record("round \(round): `\(rule)` rejected an allowed write: \(error)")
                case .deny: #expect(error.kind == .permissionDenied, "round \(round): `\(rule)` \(error)")
                case .failure: #expect(error.kind == .permissionEvaluationFailed, "round \(round): `\(rule)` \(error)")
                }
            }
        }
    }

    @Test func randomDocumentsAreRejectedOrFailClosed() throws {
        var g = CELExpressionGenerator(seed: 0x5EED_0003)
        var saved = 0
        var rejected = 0
        for _ in 0..<300 {
            var app = try Self.makeApp(&g)
            let document = Self.randomDocument(&g)
            do {
                try app.setRules(document)
                saved += 1
            } catch let error as InstantError {
                #expect(error.kind == .validationFailed)
                #expect(error.message.hasPrefix("Validation failed for rule: "))
                rejected += 1
                continue
            }
            let viewer = RuleViewer(user: g.below(2) == 0 ? nil : PermissionIDs.u1)
            let allowed: Set<InstantError.Kind> = [
                .permissionEvaluationFailed, .validationFailed, .permissionDenied, .rateLimited,
            ]
            do {
                _ = try app.run(["items": ["parts": [:]], "parts": [:]], as: viewer)
            } catch {
                #expect(allowed.contains(error.kind), "\(error)")
            }
            let before = app.snapshot
            let target = PermissionReference.entities(of: "items", in: app.state).first!
            let part = PermissionReference.entities(of: "parts", in: app.state).first!
            do {
                try app.transact(
                    [
                        ["update", "items", JSONValue(target), ["n": 9, "fresh": 1]],
                        ["link", "items", JSONValue(target), ["parts": JSONValue(part)]],
                        ["delete", "parts", JSONValue(part), [:]],
                    ], as: viewer)
            } catch {
                #expect(allowed.contains(error.kind), "\(error)")
                #expect(app.snapshot == before)
            }
        }
        #expect(saved > 20)
        #expect(rejected > 20)
    }

    /// A random rules document: random namespaces, actions, binds, fields and link maps,
    /// with random (often invalid) expressions and JSON of the wrong shape.
    static func randomDocument(_ g: inout CELExpressionGenerator) -> JSONValue {
        func rule(_ g: inout CELExpressionGenerator) -> JSONValue {
            switch g.below(8) {
            case 0: return .bool(g.below(2) == 0)
            case 1: return .int(3)
            case 2: return .string(g.mutate(expression(&g, depth: 1)))
            case 3, 4: return .string(g.expression(depth: 2))
            default: return .string(expression(&g, depth: 2))
            }
        }
        var document = JSONObject()
        for _ in 0..<(1 + g.below(3)) {
            let etype = g.pick([
                "items", "parts", "$default", "$users", "$files", "$magicCodes", "attrs", "$rateLimits", "x",
            ])
            var allow = JSONObject()
            for _ in 0..<(1 + g.below(3)) {
                let action = g.pick(["view", "create", "update", "delete", "$default", "link", "unlink", "bogus"])
                allow[action] =
                    action == "link" || action == "unlink" ? ["parts": rule(&g), "$default": rule(&g)] : rule(&g)
            }
            var namespace: JSONObject = ["allow": .object(allow)]
            if g.below(3) == 0 {
                namespace["bind"] =
                    g.below(2) == 0 ? ["isBig", rule(&g), "odd"] : ["isBig", "data.n > 2", "k", "isBig && true"]
            }
            if g.below(3) == 0 { namespace["fields"] = [g.pick(["n", "id", "tag"]): rule(&g)] }
            document[etype] = g.below(10) == 0 ? .string("oops") : .object(namespace)
        }
        return .object(document)
    }
}
