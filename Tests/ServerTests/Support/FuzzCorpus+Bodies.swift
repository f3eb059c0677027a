import Engine

/// Valid bodies for each endpoint, and the same bodies with fields of the wrong type or
/// shape, and JSON that does not parse.
extension FuzzCorpus {
    /// Entity ids shared by every generated transaction, so steps hit the same entities.
    static let entityIDs = (1...8).map { "00000000-0000-4000-8000-00000000000\($0)" }

    /// A valid `/admin/query` body.
    mutating func validQueryBody() -> JSONValue {
        let id = JSONValue.string(random.pick(Self.entityIDs))
        let query: JSONValue = random.pick([
            ["goals": [:]],
            ["goals": ["todos": [:]]],
            ["goals": ["$": ["where": ["title": "Get fit"]]]],
            ["goals": ["$": ["order": ["serverCreatedAt": "desc"], "limit": 3, "offset": 1]]],
            ["todos": ["$": ["where": ["or": [["title": "a"], ["done": true]]]]]],
            ["goals": ["$": ["where": ["todos.title": "Run"]], "todos": [:]]],
            ["goals": ["$": ["fields": ["title"]]]],
            ["goals": ["$": ["where": ["title": ["$like": "%fit%"]]]]],
            ["goals": ["$": ["where": ["id": ["$in": [id, "x"]]]]]],
            ["goals": ["$": ["first": 2]], "todos": ["$": ["where": ["n": ["$gt": 3]]]]],
            ["users": ["$": ["where": ["email": ["$isNull": false]]]]],
        ])
        return ["query": query, "inference?": .bool(random.chance(0.5))]
    }

    /// A valid `/admin/transact` body of one to three steps.
    mutating func validTransactBody() -> JSONValue {
        let steps = (0..<random.int(1...3)).map { _ in validStep() }
        return ["steps": .array(steps), "throw-on-missing-attrs?": .bool(random.chance(0.1))]
    }

    /// One admin step (data-model §7.3).
    mutating func validStep() -> JSONValue {
        let id = JSONValue.string(random.pick(Self.entityIDs))
        let other = JSONValue.string(random.pick(Self.entityIDs))
        switch random.int(0...7) {
        case 0:
            return ["update", "goals", id, ["title": .string(randomString()), "n": .int(Int64(random.int(0...9)))]]
        case 1: return ["merge", "goals", id, ["meta": ["a": ["b": .int(Int64(random.int(0...9)))]]]]
        case 2: return ["link", "goals", id, ["todos": random.chance(0.5) ? other : [other, id]]]
        case 3: return ["unlink", "goals", id, ["todos": other]]
        case 4: return ["delete", random.pick(["goals", "todos"]), id, [:]]
        case 5:
            return [
                "create", "todos", .string(EntityID.random().uuidString),
                ["title": .string(randomString()), "done": .bool(random.chance(0.5))],
            ]
        case 6: return ["update", "users", ["email", "a@b.c"], ["name": "Alyssa"], ["upsert": true]]
        default:
            let attrID = JSONValue.string(EntityID.random().uuidString)
            return [
                "add-attr",
                [
                    "id": attrID,
                    "forward-identity": [
                        .string(EntityID.random().uuidString), "goals", .string("f\(random.int(0...20))"),
                    ],
                    "value-type": "blob", "cardinality": "one", "unique?": false, "index?": false,
                ],
            ]
        }
    }

    /// A valid `POST /dash/apps` body (protocol-http §12.2).
    mutating func validDashAppsBody() -> JSONValue {
        var body: JSONValue = [
            "id": .string(EntityID.random().uuidString), "title": .string("app \(random.int(0...999))"),
            "admin_token": .string(EntityID.random().uuidString),
        ]
        if random.chance(0.3), case .object(var o) = body {
            o["rules"] = ["code": ["notes": ["allow": ["view": "true"]]]]
            o["schema"] = ["entities": ["notes": ["attrs": [:], "links": [:]]], "links": [:]]
            body = .object(o)
        }
        return body
    }

    /// A valid `POST /dash/apps/ephemeral` body (protocol-http §12.3).
    mutating func validEphemeralBody() -> JSONValue {
        ["title": .string(randomString())]
    }

    /// A request to `/admin/query`, `/admin/transact`, `/dash/apps`, `/dash/apps/ephemeral`
    /// or `/superadmin/apps` whose body has one to three values replaced by values of another
    /// type, deleted, or joined by unexpected keys.
    mutating func wrongTypesRequest() -> [UInt8] {
        let (path, headers, valid): (String, [(String, String)], JSONValue)
        switch random.int(0...4) {
        case 0:
            let h = adminHeaders()
            (path, headers, valid) = (adminPath("query", headers: h), h, validQueryBody())
        case 1:
            let h = adminHeaders()
            (path, headers, valid) = (adminPath("transact", headers: h), h, validTransactBody())
        case 2: (path, headers, valid) = ("/dash/apps", platformHeaders(), validDashAppsBody())
        case 3: (path, headers, valid) = ("/dash/apps/ephemeral", platformHeaders(), validEphemeralBody())
        default: (path, headers, valid) = ("/superadmin/apps", platformHeaders(), ["title": "x"])
        }
        var body = valid
        for _ in 0..<random.int(1...3) { body = mutateJSON(body) }
        return request("POST", path, headers: headers, body: body.jsonBytes)
    }

    /// `value` with one node (the root included) replaced by a random value, removed, or given
    /// an extra member.
    mutating func mutateJSON(_ value: JSONValue) -> JSONValue {
        let paths = Self.paths(in: value)
        let path = random.pick(paths)
        return Self.updating(value, at: path[...]) { node in
            switch random.int(0...9) {
            case 0 where !path.isEmpty: return nil
            case 1:
                if case .object(var o) = node {
                    o[random.pick(["$", "where", "id", "limit", "inference?", "steps", "query", "", "__proto__"])] =
                        randomJSON(depth: 2)
                    return .object(o)
                }
                return randomJSON(depth: 3)
            default: return randomJSON(depth: 3)
            }
        }
    }

    /// Every path (object keys and array indices) to a node of `value` at most `depth` levels
    /// down, the root as `[]`. Bounded because generated values nest hundreds of levels, and
    /// mutating deep inside them adds nothing.
    static func paths(in value: JSONValue, depth: Int = 8) -> [[PathStep]] {
        var result: [[PathStep]] = [[]]
        guard depth > 0 else { return result }
        switch value {
        case .object(let o):
            for (key, child) in o.entries { result += paths(in: child, depth: depth - 1).map { [.key(key)] + $0 } }
        case .array(let a):
            for (index, child) in a.enumerated() {
                result += paths(in: child, depth: depth - 1).map { [.index(index)] + $0 }
            }
        case .null, .bool, .int, .double, .bigNumber, .string:
            break
        }
        return result
    }

    /// One step of a path into a JSON value.
    enum PathStep {
        case key(String)
        case index(Int)
    }

    /// `value` with the node at `path` passed through `change` (nil removes it).
    static func updating(
        _ value: JSONValue, at path: ArraySlice<PathStep>, _ change: (JSONValue) -> JSONValue?
    ) -> JSONValue {
        guard let step = path.first else { return change(value) ?? .null }
        switch (step, value) {
        case (.key(let key), .object(var o)):
            guard let child = o[key] else { return value }
            let rest = path.dropFirst()
            o[key] = rest.isEmpty ? change(child) : updating(child, at: rest, change)
            return .object(o)
        case (.index(let index), .array(var a)) where index < a.count:
            let rest = path.dropFirst()
            if rest.isEmpty, let replaced = change(a[index]) {
                a[index] = replaced
            } else if rest.isEmpty {
                a.remove(at: index)
            } else {
                a[index] = updating(a[index], at: rest, change)
            }
            return .array(a)
        default:
            return value
        }
    }

    /// A random JSON value of any type, nested at most `depth` levels, occasionally extreme.
    mutating func randomJSON(depth: Int) -> JSONValue {
        switch random.int(0...(depth > 0 ? 11 : 7)) {
        case 0: return .null
        case 1: return .bool(random.chance(0.5))
        case 2: return .int(random.pick([0, -1, 1, Int64.max, Int64.min, Int64(random.int(-1000...1000))]))
        case 3: return .double(random.pick([0.5, -0.0, 1e308, -1e-308, 3.14159, 1e15 + 0.5]))
        case 4:
            return .bigNumber(
                random.pick(["123456789012345678901234567890", "1e400", "-1E-400", "0.0000000000000000000001"]))
        case 5, 6: return .string(randomString())
        case 7:
            return .string(
                random.pick(Self.entityIDs + [EntityID.random().uuidString, target.appID, target.adminToken]))
        case 8, 9:
            return .array((0..<random.int(0...4)).map { _ in randomJSON(depth: depth - 1) })
        case 10:
            var o = JSONObject()
            for _ in 0..<random.int(0...4) { o[randomKey()] = randomJSON(depth: depth - 1) }
            return .object(o)
        default:
            // Deep nesting right at and past the parser's depth limit.
            var nested = JSONValue.null
            for _ in 0..<random.pick([100, JSONParser.maximumDepth - 3]) {
                nested = random.chance(0.5) ? .array([nested]) : .object(JSONObject([("a", nested)]))
            }
            return nested
        }
    }

    /// A key an InstaQL query, a step or an app body might use, or nonsense.
    mutating func randomKey() -> String {
        random.chance(0.6)
            ? random.pick([
                "$", "where", "order", "limit", "offset", "first", "last", "after", "before", "fields", "or", "and",
                "$in", "$like", "$gt", "$isNull", "id", "title", "todos", "goals", "users", "serverCreatedAt", "k",
                "value-type",
                "forward-identity", "cardinality", "upsert",
            ])
            : randomString()
    }

    /// A short random string, sometimes empty, long, or made of unusual characters.
    mutating func randomString() -> String {
        switch random.int(0...6) {
        case 0: return ""
        case 1: return String(repeating: "x", count: random.int(1000...4000))
        case 2:
            return random.pick([
                "\u{0}", "\u{FEFF}", "é", "👩‍💻", "\u{D7FF}", "\"", "\\", "\n", "%00", "../..", "a.b.c", "$users",
            ])
        case 3: return String(decoding: random.bytes(random.int(1...30)).map { $0 & 0x7F }, as: UTF8.self)
        default: return random.pick(["Get fit", "Run", "a", "goals", "todos", "title", "x@y.z", "true", "1", "null"])
        }
    }

    /// A request whose body is not valid JSON.
    mutating func invalidJSONRequest() -> [UInt8] {
        let valid = random.pick([validQueryBody(), validTransactBody(), validDashAppsBody()]).jsonBytes
        let body: [UInt8]
        switch random.int(0...7) {
        case 0: body = Array(valid.prefix(random.int(0...max(0, valid.count - 1))))
        case 1: body = valid + Array(random.pick(["x", ",", "}", " {}", "\u{0}"]).utf8)
        case 2:
            body = Array(
                random.pick([
                    "nan", "NaN", "Infinity", "-", "01", "1.", ".5", "1e", "tru", "nul", "'a'", "{a:1}", "[1,]",
                    "{\"a\":1,}", "\"\\ud800\"", "\"\\x\"", "\"\u{1}\"", "[", "{",
                ]).utf8)
        case 3: body = Array(repeating: UInt8(ascii: "["), count: random.pick([JSONParser.maximumDepth + 1, 100_000]))
        case 4:
            body =
                Array(repeating: UInt8(ascii: "["), count: JSONParser.maximumDepth - 1)
                + Array(repeating: UInt8(ascii: "]"), count: JSONParser.maximumDepth - 1)
        case 5: body = random.bytes(random.int(1...300))
        case 6: body = [0xEF, 0xBB, 0xBF] + valid  // byte order mark
        default: body = mutate(valid)
        }
        let endpoint = random.pick([
            "/admin/query", "/admin/transact", "/dash/apps", "/dash/apps/ephemeral", "/superadmin/apps",
        ])
        let headers = endpoint.hasPrefix("/admin") ? adminHeaders() : platformHeaders()
        let path = endpoint.hasPrefix("/admin/") ? adminPath(String(endpoint.dropFirst(7)), headers: headers) : endpoint
        return request("POST", path, headers: headers, body: body)
    }
}
