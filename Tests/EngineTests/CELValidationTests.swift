import Testing

@testable import Engine

/// Save-time checks (permissions §3.6, §9), bind wrapping (§2.2), and the error
/// shapes of §8.3 and §9.
struct CELValidationTests {
    /// Sources and the save-time messages they must produce (`$rateLimits` has `posts`).
    static let saveTimeCases: [(source: String, messages: [String])] = [
        ("auth.ref('$user.role.type')", []),
        ("'admin' in auth.ref('$user.role.type')", []),
        ("auth.ref('role.type')", ["auth.ref arg must start with `$user.`"]),
        ("auth.ref(data.path)", ["auth.ref arg must start with `$user.`"]),
        ("data.ref('owner.id') == []", []),
        ("rateLimit.posts.limit(auth.id)", []),
        ("rateLimit['posts'].limit(auth.id)", []),
        (
            "rateLimit.comments.limit(auth.id)",
            ["`comments` is not a valid rate limit config. It should be defined in the `$rateLimits` key."]
        ),
        (
            "rateLimit['likes'].limit(request.ip, 2)",
            ["`likes` is not a valid rate limit config. It should be defined in the `$rateLimits` key."]
        ),
        (
            "auth.ref('x') == [] && rateLimit.nope.limit(1)",
            [
                "auth.ref arg must start with `$user.`",
                "`nope` is not a valid rate limit config. It should be defined in the `$rateLimits` key.",
            ]
        ),
    ]

    @Test(arguments: 0..<10)
    func saveTimeChecks(_ index: Int) throws {
        let (source, messages) = Self.saveTimeCases[index]
        let program = try CELProgram.compile(source, action: .view)
        #expect(Set(program.saveTimeIssues(rateLimitNames: ["posts"]).map(\.message)) == Set(messages))
    }

    @Test func bindsWrapOnlyWhatTheRuleUses() throws {
        let wrapped = try CELRuleBinds.wrap(
            "isOwner || isPublic",
            binds: [
                ("isOwner", "auth.id == data.ownerId"), ("isPublic", "data.visibility == public"),
                ("public", "'public'"), ("unused", "1 / 0 == 1"),
            ])
        #expect(!wrapped.contains("unused"))
        let program = try CELProgram.compile(wrapped, action: .view)
        #expect(try program.evaluate(in: CELFakeContext()).get().isEqual(to: .bool(true)))
        let publicIndex = try #require(wrapped.range(of: "cel.bind(public,"))
        let isPublicIndex = try #require(wrapped.range(of: "cel.bind(isPublic,"))
        #expect(publicIndex.lowerBound < isPublicIndex.lowerBound, "dependencies are bound outside their users")
    }

    @Test func laterBindsOverrideEarlierOnes() throws {
        let wrapped = try CELRuleBinds.wrap("flag", binds: [("flag", "false"), ("flag", "true")])
        #expect(wrapped == "cel.bind(flag, true, flag)")
        #expect(try CELRuleBinds.wrap("true", binds: []) == "true")
    }

    @Test func cyclicBindsAreRejected() {
        #expect(throws: CELError.ruleProblem("The binds have a cyclic dependency a -> b -> a")) {
            try CELRuleBinds.wrap("a", binds: [("a", "b"), ("b", "a")])
        }
    }

    @Test func unparsableBindsFail() {
        #expect(throws: CELError.self) { try CELRuleBinds.wrap("a", binds: [("a", "1 +")]) }
    }

    @Test func issuesCarryLineAndColumn() {
        do {
            _ = try CELProgram.compile("auth.id == data.ownerId &&\n  newData.x == 1", action: .view)
            Issue.record("compiled")
        } catch {
            let issue = error.issues[0]
            #expect(issue.message == "undeclared reference to 'newData' (in container '')")
            #expect(issue.line == 2)
            #expect(issue.column == 2)
            #expect(
                error.rendered(source: "auth.id == data.ownerId &&\n  newData.x == 1").hasPrefix("ERROR: <input>:2:3: ")
            )
        }
    }

    @Test func checkerReportsEveryProblem() {
        do {
            _ = try CELProgram.compile("foo == bar && data.baz(1)", action: .view)
            Issue.record("compiled")
        } catch {
            #expect(error.messages.count == 3)
        }
    }

    @Test func compileFailuresRenderUpstreamValidationShape() throws {
        let error = try #require(throws: CELError.self) { try CELProgram.compile("newData.x", action: .view) }
        let instant = InstantError.permissionValidationFailed(path: ["todos", "allow", "view"], error: error)
        #expect(instant.kind == .validationFailed)
        #expect(
            instant.message == "Validation failed for permission: undeclared reference to 'newData' (in container '')")
        #expect(instant.hint["data-type"] == "permission")
        #expect(instant.hint["input"] == ["todos", "allow", "view"])
        #expect(error.validationEntries(in: ["todos", "allow", "view"]).count == 1)
    }

    @Test func evaluationFailuresRenderUpstreamShape() throws {
        let program = try CELProgram.compile("data.nothing.color == 1", action: .view)
        guard case .failure(let error) = program.evaluate(in: CELFakeContext()) else {
            Issue.record("evaluated")
            return
        }
        #expect(error.code == .attributeNotFound)
        #expect(error.message.hasPrefix("evaluation error at <input>:12: Error resolving field 'color'."))
        let client = error.permissionFailure(etype: "todos", action: "view", showDetails: false)
        #expect(
            client.message
                == "Could not evaluate permission rule for `todos.view`. You may have a typo. Debug this in the sandbox and then update your permission rules."
        )
        #expect(client.hint["rule"] == ["todos", "view"])
        #expect(client.hint["error"]?["type"] == "ATTRIBUTE_NOT_FOUND")
        #expect(client.hint["error"]?["hint"] == "You may have a typo")
        let admin = error.permissionFailure(etype: "todos", action: "view", showDetails: true)
        #expect(admin.message.contains(error.message))
    }

    @Test func rateLimitFailuresPassThrough() throws {
        struct Throttled: RuleContext {
            func value(of variable: CELVariable) -> CELValue? { CELFakeContext().value(of: variable) }
            func ref(etype: String, id: String, path: String) throws(CELEvaluationError) -> [CELValue] { [] }
            func consumeRateLimit(bucket: String, key: CELValue, tokens: Int64) throws(CELEvaluationError) -> Bool {
                throw CELEvaluationError(
                    .internalError, "rate limited",
                    requestFailure: InstantError(.rateLimited, "Your request exceeded the rate limit."))
            }
        }
        let program = try CELProgram.compile("auth.id != null && rateLimit.posts.limit(auth.id)", action: .create)
        guard case .failure(let error) = program.evaluate(in: Throttled()) else {
            Issue.record("evaluated")
            return
        }
        #expect(error.requestFailure?.kind == .rateLimited)
        let absorbed = try CELProgram.compile("rateLimit.posts.limit(auth.id) || true", action: .create)
        #expect(try absorbed.passes(in: Throttled()).get())
    }

    @Test func programsAreReusable() throws {
        let program = try CELProgram.compile("auth.id != null && auth.id == data.ownerId", action: .view)
        #expect(try program.passes(in: CELFakeContext(.standard)).get())
        #expect(try !program.passes(in: CELFakeContext(.signedOut)).get())
        #expect(try program.passes(in: CELFakeContext(.standard)).get())
    }

    @Test func jsonConvertsAsPermissionsSection3_3() throws {
        let json = try JSONParser.parse(#"{"i": 1, "d": 1.0, "f": 2.5, "big": 123456789012345678901234, "o": {"k": [1, {"n": null}]}}"#)
        guard case .map(let map) = CELValue(json: json) else {
            Issue.record("not a map")
            return
        }
        #expect(CELFakeContext.same(map.value(for: .string("i"))!, .int(1)))
        #expect(CELFakeContext.same(map.value(for: .string("d"))!, .double(1)))
        #expect(CELFakeContext.same(map.value(for: .string("f"))!, .double(2.5)))
        #expect(CELFakeContext.same(map.value(for: .string("big"))!, .double(1.2345678901234568e23)))
        #expect(map.neverMisses)
        guard case .map(let inner) = map.value(for: .string("o")), case .list(let items) = inner.value(for: .string("k")),
            case .map(let deepest) = items[1]
        else {
            Issue.record("nested shapes")
            return
        }
        #expect(deepest.neverMisses && deepest.value(for: .string("missing"))?.isEqual(to: .null) == true)
        #expect(CELValue(json: json).jsonValue["o"] == json["o"])
    }

    @Test func serverDatesRenderWithoutFraction() {
        #expect(CELTimestamp(milliseconds: 1_700_000_000_123).ruleDateString == "2023-11-14T22:13:20Z")
        #expect(CELTimestamp(milliseconds: 1_700_000_000_123).formatted == "2023-11-14T22:13:20.123Z")
    }
}
