import Foundation
import Testing

@testable import Engine

/// Loading the upstream `zeneca` and `movies` datasets (shared/fixtures/README.md).
struct FixtureLoadTests {
    /// `<repo>/Fixtures`, found from this file's path so tests run from any directory.
    static let fixturesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func load(_ name: String, now: Int64 = 1_750_000_000_000) throws -> (AppState, [TxReport]) {
        let fixture = try Fixture.load(from: fixturesDirectory.appendingPathComponent(name))
        var state = AppState()
        let reports = try state.load(fixture, now: now)
        return (state, reports)
    }

    /// Entities of `etype` that have an id triple (what a plain scan lists, §1.2).
    static func listed(_ state: AppState, _ etype: String) -> Set<EntityID> {
        guard let idAttr = state.catalog.idAttr(etype) else { return [] }
        return Set(state.allTriples().filter { $0.attr == idAttr.id }.map(\.entity))
    }

    @Test func zenecaCounts() throws {
        let (state, reports) = try Self.load("zeneca")
        #expect(Self.listed(state, "users").count == 4)
        #expect(Self.listed(state, "bookshelves").count == 45)
        #expect(Self.listed(state, "books").count == 392)
        #expect(state.store.count == 2_642)
        #expect(state.catalog.all.filter { $0.catalog == .user }.count == 19)
        #expect(reports.count >= 3)
        #expect(state.lastTxID == Int64(reports.count))
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.txID < $1.txID })
    }

    @Test func zenecaKeepsRecordedTimestamps() throws {
        let (state, _) = try Self.load("zeneca")
        let users = try #require(state.catalog.idAttr("users"))
        let handle = try #require(state.catalog.forward("users", "handle"))
        let byTime = Self.listed(state, "users").sorted {
            state.triples(of: $0, attr: users.id)[0].createdAt < state.triples(of: $1, attr: users.id)[0].createdAt
        }
        let handles = byTime.compactMap { state.triples(of: $0, attr: handle.id).first?.value.json.stringValue }
        #expect(handles == ["joe", "alex", "stopa", "nicolegf"])
        let times = Set(state.allTriples().map(\.createdAt))
        #expect(times.allSatisfy { (1_718_117_715_976...1_718_118_155_976).contains($0) })
        // All triples of one entity share one t.
        for entity in Self.listed(state, "books").prefix(20) {
            #expect(Set(state.triples(of: entity).map(\.createdAt)).count == 1)
        }
    }

    @Test func zenecaAttrsKeepTheirShape() throws {
        let (state, _) = try Self.load("zeneca")
        let usersID = try #require(state.catalog.idAttr("users"))
        #expect(usersID.reverseIdentity?.label == "_id")
        #expect(usersID.isUnique && usersID.isIndexed && !usersID.isRequired)
        #expect(usersID.catalog == .user)
        #expect(usersID.inferredTypes == [.string])
        let next = try #require(state.catalog.forward("books", "next"))
        #expect(next.isRef && next.isUnique && next.onDeleteReverseCascade && next.cardinality == .many)
        let prequel = try #require(state.catalog.forward("books", "prequel"))
        #expect(prequel.onDeleteCascade && !prequel.isUnique)
        let order = try #require(state.catalog.forward("bookshelves", "order"))
        #expect(order.inferredTypes == [.number])
        let shelfBooks = try #require(state.catalog.forward("bookshelves", "books"))
        #expect(state.store.count(of: state.catalog.existingSlot(for: shelfBooks.id)!) == 446)
    }

    @Test func moviesCountsAndLoadTimeStamps() throws {
        let now: Int64 = 1_760_000_000_000
        let (state, _) = try Self.load("movies", now: now)
        #expect(Self.listed(state, "movie").count == 20)
        #expect(Self.listed(state, "person").count == 50)
        #expect(state.store.count == 301)
        #expect(state.catalog.all.filter { $0.catalog == .user }.count == 11)
        #expect(Set(state.allTriples().map(\.createdAt)) == [now])
        let year = try #require(state.catalog.forward("movie", "year"))
        #expect(year.inferredTypes == [.number])
    }

    @Test func attrsMayComeAsAnArrayOrAnObject() throws {
        let attr = Attr.make("things", "name")
        let e = EntityID.test(1)
        let triples: JSONValue = [[JSONValue(e), JSONValue(attr.id), "x", 5], [JSONValue(e), JSONValue(attr.id), "y"]]
        let asArray = try Fixture(attrsJSON: [attr.json], triplesJSON: triples)
        let asObject = try Fixture(attrsJSON: .object([attr.id.uuidString: attr.json]), triplesJSON: triples)
        #expect(asArray.attrs == asObject.attrs)
        #expect(asArray.triples == asObject.triples)
        #expect(asArray.triples.map(\.createdAt) == [5, nil])
    }

    @Test func malformedFixturesAreRejected() {
        #expect(throws: FixtureError.invalidAttrContainer) { try Fixture(attrsJSON: "x", triplesJSON: []) }
        #expect(throws: FixtureError.invalidTripleContainer) { try Fixture(attrsJSON: [], triplesJSON: [:]) }
        #expect(throws: FixtureError.invalidTriple(index: 0)) { try Fixture(attrsJSON: [], triplesJSON: [["a", "b", 1]]) }
        #expect(throws: FixtureError.invalidAttr(index: 0, AttrShapeError(expected: "uuid?", path: ["id"]))) {
            try Fixture(attrsJSON: [[:]], triplesJSON: [])
        }
        let missing = Self.fixturesDirectory.appendingPathComponent("no-such-set")
        #expect(throws: FixtureError.unreadableFile(path: missing.appendingPathComponent("attrs.json").path)) {
            try Fixture.load(from: missing)
        }
    }

    @Test func aRejectedBatchReportsTheTransactionError() {
        let attr = Attr.make("things", "link", ref: ("others", "things"))
        let e = EntityID.test(1)
        var state = AppState()
        let fixture = Fixture(attrs: [attr], triples: [Fixture.Triple(entity: e, attr: attr.id, value: "not-a-uuid")])
        #expect(throws: FixtureError.self) { try state.load(fixture, now: 1) }
        #expect(state.catalog[attr.id] != nil)
        #expect(state.allTriples().isEmpty)
    }
}
