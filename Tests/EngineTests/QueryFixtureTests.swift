import Testing

@testable import Engine

struct QueryFixtureTests {
    typealias F = QueryFixtures

    func handles(_ q: String) throws -> [String] {
        let tree = try F.run(F.parse(q)).adminTree(inference: false)
        return F.column(tree, "users", "handle").compactMap(\.stringValue)
    }

    @Test func listsUsersInServerCreatedAtOrder() throws {
        #expect(try handles(#"{"users": {}}"#) == ["joe", "alex", "stopa", "nicolegf"])
        #expect(try handles(#"{"users": {"$": {"order": {"serverCreatedAt": "desc"}}}}"#) == ["nicolegf", "stopa", "alex", "joe"])
    }

    @Test(arguments: [
        (#"{"handle": "stopa"}"#, ["stopa"]),
        (#"{"handle": {"$in": ["stopa", "joe", "nobody"]}}"#, ["joe", "stopa"]),
        (#"{"handle": {"$not": "stopa"}}"#, ["joe", "alex", "nicolegf"]),
        (#"{"handle": {"$ne": "stopa"}}"#, ["joe", "alex", "nicolegf"]),
        (#"{"or": [{"handle": "alex"}, {"handle": "nicolegf"}]}"#, ["alex", "nicolegf"]),
        (#"{"and": [{"handle": {"$not": "alex"}}, {"handle": {"$not": "joe"}}]}"#, ["stopa", "nicolegf"]),
        (#"{"bookshelves.name": "Short Stories"}"#, ["alex"]),
        (#"{"bookshelves.books.title": "How To Win Friends and Influence People"}"#, ["joe", "stopa"]),
        (#"{"bookshelves.books.title": "The Paper Menagerie and Other Stories"}"#, ["alex"]),
        (#"{"handle": {"$isNull": false}}"#, ["joe", "alex", "stopa", "nicolegf"]),
        (#"{"handle": {"$isNull": true}}"#, []),
        (#"{"nosuchattr": 1}"#, []),
        (#"{"bookshelves.nosuch": 1}"#, []),
    ])
    func whereOnUsers(where clause: String, expected: [String]) throws {
        #expect(try handles(#"{"users": {"$": {"where": "# + clause + "}}}") == expected)
    }

    @Test func childFormsAndReverseLinks() throws {
        let tree = try F.run(F.parse(#"{"users": {"$": {"where": {"handle": "alex"}}, "bookshelves": {}}}"#))
            .adminTree(inference: false)
        let shelves = tree["users"]?.arrayValue?.first?["bookshelves"]?.arrayValue ?? []
        #expect(Set(shelves.compactMap { $0["name"]?.stringValue }) == ["Short Stories", "Nonfiction"])
        let reverse = try F.run(F.parse(#"{"bookshelves": {"$": {"where": {"name": "Nonfiction"}}, "users": {}}}"#))
            .adminTree(inference: true)
        let owners = reverse["bookshelves"]?.arrayValue?.first?["users"]?.arrayValue ?? []
        #expect(owners.compactMap { $0["handle"]?.stringValue } == ["alex"])
        let byLink = try handles(#"{"users": {"$": {"where": {"bookshelves": "# + "\"\(shelfID("Nonfiction"))\"" + "}}}}")
        #expect(byLink == ["alex"])
    }

    func shelfID(_ name: String) -> String {
        let tree = try! F.run(F.parse(#"{"bookshelves": {"$": {"where": {"name": "# + "\"\(name)\"" + "}}}}"))
            .adminTree(inference: false)
        return tree["bookshelves"]?.arrayValue?.first?["id"]?.stringValue ?? ""
    }

    @Test func paginationMatchesUpstreamTable() throws {
        let all = try handles(#"{"users": {}}"#)
        #expect(all == ["joe", "alex", "stopa", "nicolegf"])
        func page(_ opts: String) throws -> ([String], Bool, Bool, QueryResult) {
            let r = try F.run(F.parse(#"{"users": {"$": {"# + opts + "}}}"))
            let info = r.forms[0].pageInfo!
            return (F.column(r.adminTree(inference: false), "users", "handle").compactMap(\.stringValue), info.hasNextPage, info.hasPreviousPage, r)
        }
        let limit2 = try page(#""limit": 2"#)
        #expect(limit2.0 == ["joe", "alex"] && limit2.1 && !limit2.2)
        let offset = try page(#""limit": 2, "offset": 1"#)
        #expect(offset.0 == ["alex", "stopa"] && offset.1 && offset.2)
        let farOffset = try page(#""limit": 1, "offset": 999"#)
        #expect(farOffset.0 == [] && !farOffset.1 && farOffset.2)
        let stopaCursor = limit2.3.forms[0].pageInfo!.endCursor!.json.jsonString  // alex
        let after = try page(#""first": 1, "after": "# + stopaCursor)
        #expect(after.0 == ["stopa"] && after.1 && after.2)
        let lastBefore = try page(#""last": 1, "before": "# + stopaCursor)
        #expect(lastBefore.0 == ["joe"] && lastBefore.1 && !lastBefore.2)
        let desc = try page(#""first": 1, "after": "# + stopaCursor + #", "order": {"serverCreatedAt": "desc"}"#)
        #expect(desc.0 == ["joe"] && !desc.1 && desc.2)
        let inclusive = try page(#""first": 2, "afterInclusive": true, "after": "# + stopaCursor)
        #expect(inclusive.0 == ["alex", "stopa"])
    }

    @Test func socketNodesCarryIdTriplesAndCursorsMatch() throws {
        let r = try F.run(F.parse(#"{"users": {"$": {"limit": 1}, "bookshelves": {}}}"#))
        let triples = r.allTriples
        let info = r.forms[0].pageInfo!
        #expect(triples.contains(info.startCursor!))
        #expect(Set(triples).count == triples.count)
        let nodes = r.socketNodes
        #expect(nodes.arrayValue?.count == 1)
        #expect(nodes.at(0)?["data"]?["page-info"]?["users"]?["has-next-page?"] == true)
        // joe's 16 shelves: 16 link triples + 16 shelves' own triples present.
        let shelfLinks = triples.filter { $0.attr == QueryFixtures.zeneca.catalog.forward("users", "bookshelves")!.id }
        #expect(shelfLinks.count == 16)
    }

    @Test func fieldsRestrictAttributes() throws {
        let tree = try F.run(F.parse(#"{"users": {"$": {"fields": ["handle"], "where": {"handle": "joe"}}}}"#))
            .adminTree(inference: false)
        let joe = tree["users"]?.arrayValue?.first?.objectValue
        #expect(joe.map { Set($0.keys) } == ["id", "handle"])
    }

    @Test func aggregateCountIsAdminOnly() throws {
        let r = try F.run(F.parse(#"{"books": {"$": {"aggregate": "count"}}}"#))
        #expect(r.aggregateJSON == ["books": ["count": 392]])
        #expect(r.adminTree(inference: false) == [:])
        #expect(throws: InstantError.self) { try F.run(F.parse(#"{"books": {"$": {"aggregate": "count"}}}"#), admin: false) }
    }

    @Test func unknownKeysYieldEmptyArrays() throws {
        let tree = try F.run(F.parse(#"{"nothing": {}, "users": {"$": {"where": {"handle": "joe"}}, "nolink": {}}}"#))
            .adminTree(inference: false)
        #expect(tree["nothing"] == [])
        #expect(tree["users"]?.at(0)?["nolink"] == nil || tree["users"]?.arrayValue?.first?["nolink"] == [])
    }

    @Test func moviesReverseAndForwardLinks() throws {
        let tree = try F.run(F.parse(#"{"movie": {"$": {"where": {"title": "Alien"}}, "director": {}}}"#), on: F.movies)
            .adminTree(inference: false)
        let movie = tree["movie"]?.arrayValue?.first
        #expect(movie?["year"] == 1979)
        // The fixture's link reverse identity names etype `director`, so the child objects
        // carry only their id (no `person` attrs belong to that etype).
        #expect(movie?["director"]?.arrayValue?.count == 1)
        let years = try F.run(F.parse(#"{"movie": {"$": {"where": {"year": {"$in": [1987, 1984]}}}}}"#), on: F.movies)
            .adminTree(inference: false)
        #expect(Set(F.column(years, "movie", "title").compactMap(\.stringValue)).isSuperset(of: ["The Terminator"]))
    }

    @Test func topicsIgnoreUnrelatedChanges() throws {
        let state = F.zeneca
        let r = try F.run(F.parse(#"{"users": {"$": {"where": {"handle": "joe"}}}}"#))
        let email = state.catalog.forward("users", "email")!
        let handle = state.catalog.forward("users", "handle")!
        let title = state.catalog.forward("books", "title")!
        let joe = r.forms[0].entities[0].id
        let other = EntityID.random()
        #expect(r.topics.matches(Triple(entity: joe, attr: email.id, value: .json("x"), createdAt: 0), attr: email))
        #expect(!r.topics.matches(Triple(entity: other, attr: email.id, value: .json("x"), createdAt: 0), attr: email))
        #expect(!r.topics.matches(Triple(entity: other, attr: title.id, value: .json("x"), createdAt: 0), attr: title))
        #expect(r.topics.matches(Triple(entity: other, attr: handle.id, value: .json("joe"), createdAt: 0), attr: handle))
        #expect(!r.topics.matches(Triple(entity: other, attr: handle.id, value: .json("zed"), createdAt: 0), attr: handle))
    }
}
