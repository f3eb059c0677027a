import Testing

@testable import Engine

struct QueryValidationTests {
    typealias F = QueryFixtures

    func message(_ q: String, admin: Bool = true) -> String? {
        do {
            _ = try F.run(F.parse(q), admin: admin)
            return nil
        } catch let e as InstantError {
            #expect(e.kind == .validationFailed)
            return e.message
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: [
        (#"{"users": {"$": {"bogus": 1}}}"#, "Validation failed for query: We only support `where`, `order`, `limit`, `offset`, `before`, and `after` clauses."),
        (#"{"users": {"bookshelves": {"$": {"offset": 1}}}}"#, "Validation failed for query: We currently only support `offset`, `before`, and `after` clauses on the top-level field. Limit fields will be ignored"),
        (#"{"users": {"$": {"limit": 1, "first": 2}}}"#, "Validation failed for query: Only provide one of `limit` or `first`."),
        (#"{"users": {"$": {"limit": -1}}}"#, "Validation failed for query: The limit field must be a positive integer. Got -1."),
        (#"{"users": {"$": {"last": "2"}}}"#, "Validation failed for query: The last field must be a positive integer. Got \"2\"."),
        (#"{"users": {"$": {"offset": -1}}}"#, "Validation failed for query: The offset field must be a non-negative integer. Got -1."),
        (#"{"users": {"$": {"order": []}}}"#, "Validation failed for query"),
        (#"{"users": {"$": {"order": {"a": "asc", "b": "asc"}}}}"#, "Validation failed for query: We only support a single key in the `order` clause. Got a,b."),
        (#"{"users": {"$": {"order": {"serverCreatedAt": "DESC"}}}}"#, "Validation failed for query: We only support \"asc\" or \"desc\" in the `order` clause. Got \"DESC\"."),
        (#"{"users": {"$": {"after": 1}}}"#, "Validation failed for query: Expected a join row for the cursor, got 1."),
        (#"{"users": {"$": {"after": [1, 2]}}}"#, "Validation failed for query: Expected a join row with 4 items for the cursor, got [1,2]."),
        (#"{"users": {"$": {"after": [1, 2, 3]}}}"#, "Validation failed for query: Expected a join row with a uuid attribute id in the second position, got 2."),
        (#"{"users": {"$": {"after": [1, "5a4f5a6d-ba83-4bf0-ae78-27a863300224", 3, "x"]}}}"#, "Validation failed for query: Expected a join row with an integer created_at in the last position, got \"x\"."),
        (#"{"users": {"$": {"afterInclusive": 1}}}"#, "Validation failed for query"),
        (#"{"users": {"$": {"aggregate": "sum"}}}"#, "Validation failed for query: The aggregate field only accepts \"count\", got \"sum\"."),
        (#"{"users": {"$": {"aggregate": "count"}, "bookshelves": {}}}"#, "Validation failed for query: You can not combine aggregates with child queries at this time."),
        (#"{"users": {"$": {"fields": "handle"}}}"#, "Validation failed for query: The `fields` property should be an array of field names."),
        (#"{"users": {"$": {"order": {"nosuch": "asc"}}}}"#, "Validation failed for query: There is no `nosuch` attribute for users."),
        (#"{"users": {"$": {"order": {"handle": "asc"}}}}"#, "Validation failed for query: The `users.handle` attribute is not typed. Only typed and indexed attributes can be used to order by."),
        (#"{"users": {"$": {"order": {"fullName": "asc"}}}}"#, "Validation failed for query: The `users.fullName` attribute is not indexed. Only indexed and typed attributes can be used to order by., The `users.fullName` attribute is not typed. Only typed and indexed attributes can be used to order by."),
        (#"{"users": {"$": {"after": ["5a4f5a6d-ba83-4bf0-ae78-27a863300224", "00000000-0000-4000-8000-000000000000", 1, 1]}}}"#, "Validation failed for query: Invalid after cursor. The query orders by `serverCreatedAt`, but the query that returned the cursor orders by a missing attribute."),
        (#"{"users": 2}"#, "Validation failed for query"),
        (#"{"users": {"$": {"where": []}}}"#, "Validation failed for query"),
        (#"{"users": {"$": {"where": {"or": []}}}}"#, "Validation failed for query: The list of `or` conditions can't be empty."),
        (#"{"users": {"$": {"where": {"and": []}}}}"#, "Validation failed for query: The list of `and` conditions can't be empty."),
        (#"{"users": {"$": {"where": {"handle": {"$foo": 1}}}}}"#, "Validation failed for coerced-query"),
        (#"{"users": {"$": {"where": {"handle": null}}}}"#, "Validation failed for coerced-query"),
        (#"{"users": {"$": {"where": {"handle": {"$isNull": 1}}}}}"#, "Validation failed for coerced-query"),
        (#"{"users": {"$": {"where": {"handle": {"$in": 1}}}}}"#, "Validation failed for coerced-query"),
        (#"{"users": {"$": {"where": {"bookshelves": "nope"}}}}"#, "Validation failed for query: Expected bookshelves to be a uuid, got \"nope\""),
        (#"{"users": {"$": {"where": {"bookshelves": {"$in": ["nope"]}}}}}"#, "Validation failed for query: Expected bookshelves to match on a uuid, found \"nope\" in [\"nope\"]"),
        (#"{"users": {"$": {"where": {"handle": {"$gt": "a"}}}}}"#, "Validation failed for query: The `users.handle` attribute must have an enforced type to use comparison operators."),
        (#"{"users": {"$": {"where": {"fullName": {"$like": "a%"}}}}}"#, "Validation failed for query: The `users.fullName` attribute must be indexed to use comparison operators."),
        (#"{"users": {"$": {"where": {"fullName": {"$in": [null]}}}}}"#, "Validation failed for query: Only indexed attrs can check for `nil` in `$in`. users.fullName is not indexed."),
        (#"{"users": {"$": {"where": {"handle.x": 1}}}}"#, "Validation failed for attr: users.handle needs to be a link"),
        (#"{"users": {"handle": {}}}"#, "Validation failed for attr: users.handle needs to be a link"),
    ])
    func rejects(query: String, expected: String) {
        #expect(message(query) == expected)
    }

    @Test func aggregateNeedsAdmin() {
        #expect(message(#"{"users": {"$": {"aggregate": "count"}}}"#, admin: false)
            == "Validation failed for query: Aggregates are currently only available for admin queries.")
    }

    @Test func hintCarriesPathAndInput() throws {
        do {
            _ = try F.run(F.parse(#"{"users": {"$": {"limit": 0}}, "$$ruleParams": {"a": 1}}"#))
            Issue.record("expected an error")
        } catch let e as InstantError {
            #expect(e.hint["data-type"] == "query")
            #expect(e.hint["input"]?["$$ruleParams"] == nil)
            #expect(e.hint["errors"]?.at(0)?["in"] == ["users", "$", "limit"])
        }
    }

    @Test func likeEscapes() {
        #expect(LikePattern("100\\%", caseInsensitive: false).matches("100%"))
        #expect(!LikePattern("100\\%", caseInsensitive: false).matches("1000"))
        #expect(LikePattern("a_c%", caseInsensitive: false).matches("abc\nxyz"))
        #expect(LikePattern("%B%", caseInsensitive: true).matches("abc"))
        #expect(!LikePattern("%B%", caseInsensitive: false).matches("abc"))
        #expect(LikePattern("", caseInsensitive: false).matches(""))
    }
}
