import Engine
import Testing

@testable import Server

/// Body keys keep their hash and compare it first (`JSONBodyCache.BodyBytes`): equal bodies
/// must still meet, and bodies that differ only near the end must still be told apart.
struct QueryBodyKeyTests {
    static func body(_ title: String) -> [UInt8] {
        Array(#"{"query":{"goals":{"$":{"where":{"title":"\#(title)"}}}}}"#.utf8)
    }

    @Test func equalBodiesAreOneKeyAndNearlyEqualOnesAreNot() {
        let key = JSONBodyCache.BodyBytes(bytes: Self.body("goal 17"))
        let same = JSONBodyCache.BodyBytes(bytes: Self.body("goal 17"))
        #expect(key == same)
        #expect(key.hashValue == same.hashValue)
        #expect(key != JSONBodyCache.BodyBytes(bytes: Self.body("goal 18")))
        #expect(key != JSONBodyCache.BodyBytes(bytes: Self.body("goal 17 ")))
    }

    @Test func keptAnswersStayWithTheirOwnBody() throws {
        let answers = AdminQueryAnswers()
        let app = EntityID.random()
        // More bodies than the cache keeps, all the same length, differing in the last digits.
        let titles = (100..<400).map { "goal \($0)" }
        for title in titles {
            let key = try #require(answers.key(app: app, body: Self.body(title)))
            answers.keep(Array(title.utf8), for: key, generation: 1)
        }
        var found = 0
        for title in titles {
            let key = try #require(answers.key(app: app, body: Self.body(title)))
            guard let answer = answers.answer(for: key, generation: 1) else { continue }
            #expect(answer == Array(title.utf8))
            found += 1
        }
        #expect(found == AdminQueryAnswers.capacity)
        let other = try #require(answers.key(app: EntityID.random(), body: Self.body("goal 399")))
        #expect(answers.answer(for: other, generation: 1) == nil)
    }
}
