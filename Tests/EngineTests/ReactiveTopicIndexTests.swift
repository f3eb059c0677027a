import Testing

@testable import Engine

/// The reverse topic index files each topic where a matching change will look for it,
/// and empties completely on removal (server-architecture §7.3).
struct ReactiveTopicIndexTests {
    let e1 = EntityID.test(1)
    let e2 = EntityID.test(2)
    let a1 = EntityID.test(101)
    let a2 = EntityID.test(102)

    var topics: [QueryTopic] {
        [
            QueryTopic(indexes: .all, entities: [e1], attrs: [a1, a2], values: nil),
            QueryTopic(indexes: .all, entities: nil, attrs: [a1], values: [.json("x")]),
            QueryTopic(indexes: .all, entities: nil, attrs: [a2], values: nil),
            .anything,
        ]
    }

    func filled() -> TopicIndex {
        var index = TopicIndex()
        for (n, topic) in topics.enumerated() { index.insert(topic, as: .init(subscription: n, topic: 0)) }
        return index
    }

    func candidates(_ index: TopicIndex, _ e: EntityID, _ a: EntityID, _ v: TripleValue) -> Set<Int> {
        var out = Set<Int>()
        index.forEachCandidate(entity: e, attr: a, value: v) { out.insert($0.subscription) }
        return out
    }

    @Test func changesFindOnlyTopicsFiledUnderTheirEntityValueOrAttr() {
        let index = filled()
        #expect(candidates(index, e1, a1, .json("y")) == [0, 3])
        #expect(candidates(index, e2, a1, .json("x")) == [1, 3])
        #expect(candidates(index, e2, a1, .json("y")) == [3])
        #expect(candidates(index, e2, a2, .json("y")) == [2, 3])
        #expect(candidates(index, e1, EntityID.test(103), .json("x")) == [3])
    }

    @Test func everyCandidateThatTheFullRuleMatchesIsFound() {
        // The index may over-approximate but must never miss a match (§3.4).
        let index = filled()
        for e in [e1, e2] {
            for a in [a1, a2, EntityID.test(103)] {
                for v in [TripleValue.json("x"), .json("y"), .id(e1)] {
                    let triple = Triple(entity: e, attr: a, value: v, createdAt: 0)
                    let matching = Set(topics.indices.filter { topics[$0].matches(triple, flags: .ea) })
                    #expect(matching.isSubset(of: candidates(index, e, a, v)))
                }
            }
        }
    }

    @Test func removingEveryTopicLeavesAnEmptyIndex() {
        var index = filled()
        #expect(index.postingCount == 5)
        for (n, topic) in topics.enumerated() { index.remove(topic, as: .init(subscription: n, topic: 0)) }
        #expect(index.isEmpty)
        #expect(index.postingCount == 0)
    }
}
