import Testing

@testable import Engine

/// Compiled queries are reused only while everything they were compiled against holds: the
/// same query (exactly), the same catalogue version and the same admin flag.
struct CompiledQueryCacheTests {
    typealias F = QueryFixtures

    static let nested: JSONValue = ["users": ["$": ["where": ["handle": "stopa"]], "bookshelves": ["books": [:]]]]

    @Test func aRepeatedQueryIsCompiledOnceAndAnswersTheSame() throws {
        let state = F.zeneca
        let first = try F.run(Self.nested, on: state).adminTreeJSONBytes(inference: false)
        // The cache is process-wide and other suites fill it concurrently, so an entry may
        // be evicted at any moment; a working cache still answers two back-to-back compiles
        // with one object nearly every time, a broken one never does.
        var hits = 0
        for _ in 0..<5 {
            let compiled = try InstaQL.compile(query: Self.nested, catalog: state.catalog, isAdmin: true)
            let again = try InstaQL.compile(query: Self.nested, catalog: state.catalog, isAdmin: true)
            if again === compiled { hits += 1 }
        }
        #expect(hits > 0)
        let second = try F.run(Self.nested, on: state).adminTreeJSONBytes(inference: false)
        #expect(second == first)
        let uncached = try InstaQL.evaluate(
            try InstaQL.parse(query: Self.nested, catalog: state.catalog, isAdmin: true), on: state, options: QueryOptions())
        #expect(uncached.adminTreeJSONBytes(inference: false) == first)
    }

    @Test func anAttrAddedAfterCachingShowsUpInTheNextAnswer() throws {
        let id = Attr.makeID("goals")
        let title = Attr.make("goals", "title")
        let done = Attr.make("goals", "done")
        let alice = EntityID.test(1)
        var app = TestApp()
        try app.transact([.addAttr(id), .addAttr(title)])
        try app.transact([.add(alice, id, JSONValue(alice)), .add(alice, title, "x")])
        let all: JSONValue = ["goals": [:]]
        let byDone: JSONValue = ["goals": ["$": ["where": ["done": true]]]]
        let before = try InstaQL.run(query: all, on: app.state, options: QueryOptions()).adminTree(inference: false)
        #expect(before["goals"]?.at(0)?["done"] == nil)
        #expect(try InstaQL.run(query: byDone, on: app.state, options: QueryOptions()).forms[0].entities.isEmpty)

        try app.transact([.addAttr(done), .add(alice, done, true)])
        let after = try InstaQL.run(query: all, on: app.state, options: QueryOptions()).adminTree(inference: false)
        #expect(after["goals"]?.at(0)?["done"] == true)
        #expect(after["goals"]?.at(0)?["title"] == "x")
        let matched = try InstaQL.run(query: byDone, on: app.state, options: QueryOptions()).forms[0].entities.map(\.id)
        #expect(matched == [alice])
    }

    @Test func everyCatalogueChangeTakesANewVersion() throws {
        var catalog = AttrCatalog()
        let start = catalog.version
        let copy = catalog
        let title = Attr.make("goals", "title")
        catalog.upsert(title)
        let afterUpsert = catalog.version
        #expect(afterUpsert != start)
        #expect(copy.version == start)
        _ = catalog.slot(for: title.id)
        #expect(catalog.version == afterUpsert, "an existing slot is no change")
        _ = catalog.slot(for: .test(99))
        #expect(catalog.version != afterUpsert)
        let beforeDelete = catalog.version
        catalog.softDelete(title.id)
        #expect(catalog.version != beforeDelete)
    }

    @Test func keysAreExactNotJSONEqual() {
        func key(_ q: JSONValue, admin: Bool = true) -> CompiledQueryKey {
            CompiledQueryKey(query: q, catalogVersion: 1, isAdmin: admin)
        }
        let usersBooks = F.parse(#"{"users": {}, "books": {}}"#)
        let booksUsers = F.parse(#"{"books": {}, "users": {}}"#)
        #expect(usersBooks == booksUsers, "JSON equality ignores key order")
        #expect(key(usersBooks) != key(booksUsers))
        #expect(key(["b": ["$": ["limit": 1]]]) != key(["b": ["$": ["limit": 1.0]]]))
        #expect(key(usersBooks) != key(usersBooks, admin: false))
        #expect(key(usersBooks) == key(F.parse(#"{"users": {}, "books": {}}"#)))
        #expect(CompiledQueryKey(query: usersBooks, catalogVersion: 1, isAdmin: true)
            != CompiledQueryKey(query: usersBooks, catalogVersion: 2, isAdmin: true))
    }

    @Test func formOrderFollowsEachQueryNotTheCachedOne() throws {
        let state = F.zeneca
        let a = try F.run(F.parse(#"{"users": {}, "books": {}}"#), on: state)
        let b = try F.run(F.parse(#"{"books": {}, "users": {}}"#), on: state)
        #expect(a.forms.map(\.form.key) == ["users", "books"])
        #expect(b.forms.map(\.form.key) == ["books", "users"])
    }

    @Test func anAdminOnlyQueryCachedForAnAdminStillFailsForOthers() throws {
        let count = F.parse(#"{"books": {"$": {"aggregate": "count"}}}"#)
        #expect(try F.run(count, admin: true).forms[0].count == 392)
        #expect(throws: InstantError.self) { try F.run(count, admin: false) }
    }

    @Test func theCacheStaysWithinItsBound() throws {
        let state = F.zeneca
        for n in 0..<(CompiledQueryCache.capacity + 20) {
            _ = try F.run(["users": ["$": ["where": ["handle": .string("nobody-\(n)")]]]], on: state)
        }
        #expect(CompiledQueryCache.shared.count <= CompiledQueryCache.capacity)
        #expect(CompiledQueryCache.shared.count > 0)
    }

    @Test func ruleParamsDoNotSplitTheCache() throws {
        let state = F.zeneca
        let plain: JSONValue = ["users": ["$": ["where": ["handle": "joe"]]]]
        let withParams: JSONValue = ["users": ["$": ["where": ["handle": "joe"]]], "$$ruleParams": ["x": 1]]
        let a = try InstaQL.compile(query: plain, catalog: state.catalog, isAdmin: true)
        let b = try InstaQL.compile(query: withParams, catalog: state.catalog, isAdmin: true)
        #expect(a === b)
        #expect(try F.run(withParams, on: state).forms.map(\.form.key) == ["users"])
    }

    @Test func textKeysCompareTheTextAndNeverMatchTreeKeys() {
        let query: JSONValue = ["users": [:]]
        let text = Array(#"{"query":{"users":{}}}"#.utf8)
        let byText = CompiledQueryKey(text: text, catalogVersion: 1, isAdmin: true)
        #expect(byText == CompiledQueryKey(text: text, catalogVersion: 1, isAdmin: true))
        #expect(byText.hashValue == CompiledQueryKey(text: text, catalogVersion: 1, isAdmin: true).hashValue)
        let spaced = Array(#"{"query":{"users":{}} }"#.utf8)
        #expect(byText != CompiledQueryKey(text: spaced, catalogVersion: 1, isAdmin: true))
        #expect(byText != CompiledQueryKey(text: text, catalogVersion: 2, isAdmin: true))
        #expect(byText != CompiledQueryKey(text: text, catalogVersion: 1, isAdmin: false))
        #expect(byText != CompiledQueryKey(query: query, catalogVersion: 1, isAdmin: true))
    }

    @Test func aQueryRunByItsTextAnswersAsByItsTree() throws {
        let state = F.zeneca
        let text = Array(#"{"query":{"users":{"$":{"where":{"handle":"stopa"}},"bookshelves":{"books":{}}}}}"#.utf8)
        let byTree = try F.run(Self.nested, on: state).adminTreeJSONBytes(inference: false)
        for _ in 0..<2 {
            let byText = try InstaQL.run(query: Self.nested, text: text, on: state, options: QueryOptions())
            #expect(byText.adminTreeJSONBytes(inference: false) == byTree)
        }
    }
}
