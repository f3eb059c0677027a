@testable import Engine

/// A rule context over fixed bindings, with canned `ref` answers.
struct CELFakeContext: RuleContext {
    let fixture: CELFixture

    init(_ fixture: CELFixture = .standard) {
        self.fixture = fixture
    }

    /// 2024-06-01T12:00:00Z.
    static let requestTime = CELTimestamp(seconds: 1_717_243_200)

    static let user: JSONObject = JSONObject([
        ("id", "u1"), ("email", "alice@example.com"), ("type", "user"), ("roles", ["admin", "editor"]),
    ])

    static let todo: JSONObject = JSONObject([
        ("id", "t1"), ("title", "Buy milk"), ("ownerId", "u1"), ("done", false), ("count", 3), ("price", 1.5),
        ("tags", ["a", "b"]), ("meta", ["color": "red", "size": nil]), ("nothing", nil),
        ("dueDate", "2024-01-15T10:30:00Z"), ("createdAt", 1_700_000_000_000),
    ])

    static let newTodo: JSONObject = JSONObject([
        ("id", "t1"), ("title", "Buy oat milk"), ("ownerId", "u1"), ("done", true),
    ])

    static let linked: JSONObject = JSONObject([("id", "u2"), ("handle", "bob")])

    /// `ref` answers by `etype|id|path`; anything else is `[]`.
    static let refs: [String: [CELValue]] = [
        "todos|t1|owner.id": [.string("u1")],
        "todos|t1|owner.email": [.string("alice@example.com")],
        "$users|u1|role.type": [.string("admin")],
        "users|u2|posts.id": [.string("t1"), .string("t9")],
    ]

    func value(of variable: CELVariable) -> CELValue? {
        switch variable {
        case .auth: fixture == .signedOut ? .auth(nil) : .auth(Self.user)
        case .data: .entity(Self.todo, etype: "todos")
        case .newData: .object(Self.newTodo)
        case .linkedData: fixture == .unboundLinked ? nil : .entity(Self.linked, etype: "users")
        case .ruleParams: .object(JSONObject([("secret", "s3cret"), ("n", 2)]))
        case .actions: .object(JSONObject([("data", "update"), ("linkedData", "create")]))
        case .request:
            .request(
                CELRequest(
                    time: Self.requestTime, modifiedFields: ["title", "done"], ip: "127.0.0.1",
                    origin: "http://localhost:3000"))
        case .rateLimit: .rateLimits(["posts"])
        }
    }

    func ref(etype: String, id: String, path: String) throws(CELEvaluationError) -> [CELValue] {
        Self.refs["\(etype)|\(id)|\(path)"] ?? []
    }

    /// Structural equality that also requires equal kinds (so `1` ≠ `1.0`).
    static func same(_ a: CELValue, _ b: CELValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y
        case (.uint(let x), .uint(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y || (x.isNaN && y.isNaN)
        case (.list(let x), .list(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.map(let x), .map(let y)):
            return x.count == y.count
                && x.entries.allSatisfy { entry in
                    y.entries.contains { same($0.key, entry.key) && same($0.value, entry.value) }
                }
        case (.int, _), (.uint, _), (.double, _), (.list, _), (.map, _): return false
        default: return a.isEqual(to: b)
        }
    }
}
