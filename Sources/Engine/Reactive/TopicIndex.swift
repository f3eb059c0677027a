/// The reverse index from what a change touches to the query topics it may match
/// (server-architecture §3.5, §7.3), so invalidation never scans every subscription.
///
/// A query topic is filed under each attr of its attr set, then under each entity of its
/// entity set, or failing that under each value of its value set, or failing that in the
/// attr's `rest`; topics with the wildcard attr go to `anyAttr`. A changed triple
/// `[e a v]` can only match topics filed under `byAttr[a]` as `byEntity[e]`, `byValue[v]`
/// or `rest`, plus `anyAttr`: a topic with an entity set not containing `e` (or a value
/// set not containing `v`) cannot match it (§3.4). Candidates are then confirmed with the
/// full rule by the caller.
struct TopicIndex: Sendable {
    /// One topic of one subscription: the subscription's number and the topic's position
    /// in the topics its last evaluation returned.
    struct Entry: Hashable, Sendable {
        var subscription: Int
        var topic: Int
    }

    /// The topics that name one attr.
    struct AttrBucket: Sendable {
        /// Topics with an entity set, by entity.
        var byEntity: [EntityID: Set<Entry>] = [:]
        /// Topics with the wildcard entity and a value set, by value.
        var byValue: [TripleValue: Set<Entry>] = [:]
        /// Topics with wildcard entity and value.
        var rest: Set<Entry> = []

        var isEmpty: Bool { byEntity.isEmpty && byValue.isEmpty && rest.isEmpty }
    }

    private(set) var byAttr: [EntityID: AttrBucket] = [:]
    /// Topics whose attr slot is the wildcard (missing names, `$isNull` on unknown attrs).
    private(set) var anyAttr: Set<Entry> = []

    /// Whether nothing is filed: after every subscription is gone this must hold.
    var isEmpty: Bool { byAttr.isEmpty && anyAttr.isEmpty }

    /// How many (slot, entry) postings exist, for statistics and leak tests.
    var postingCount: Int {
        byAttr.values.reduce(anyAttr.count) { total, bucket in
            total + bucket.rest.count + bucket.byEntity.values.reduce(0) { $0 + $1.count }
                + bucket.byValue.values.reduce(0) { $0 + $1.count }
        }
    }

    /// Files `topic` as `entry`.
    mutating func insert(_ topic: QueryTopic, as entry: Entry) {
        guard let attrs = topic.attrs else {
            anyAttr.insert(entry)
            return
        }
        for attr in attrs {
            var bucket = byAttr.removeValue(forKey: attr) ?? AttrBucket()
            if let entities = topic.entities {
                for e in entities { bucket.byEntity[e, default: []].insert(entry) }
            } else if let values = topic.values {
                for v in values { bucket.byValue[v, default: []].insert(entry) }
            } else {
                bucket.rest.insert(entry)
            }
            byAttr[attr] = bucket
        }
    }

    /// Unfiles `topic` (the same topic it was filed with), dropping emptied slots so the
    /// index holds nothing for subscriptions that are gone.
    mutating func remove(_ topic: QueryTopic, as entry: Entry) {
        guard let attrs = topic.attrs else {
            anyAttr.remove(entry)
            return
        }
        for attr in attrs {
            guard var bucket = byAttr.removeValue(forKey: attr) else { continue }
            if let entities = topic.entities {
                for e in entities { Self.remove(entry, at: e, from: &bucket.byEntity) }
            } else if let values = topic.values {
                for v in values { Self.remove(entry, at: v, from: &bucket.byValue) }
            } else {
                bucket.rest.remove(entry)
            }
            if !bucket.isEmpty { byAttr[attr] = bucket }
        }
    }

    /// Visits every entry that may match a change of `[entity attr value]`.
    func forEachCandidate(entity: EntityID, attr: EntityID, value: TripleValue, _ body: (Entry) -> Void) {
        anyAttr.forEach(body)
        guard let bucket = byAttr[attr] else { return }
        bucket.byEntity[entity]?.forEach(body)
        bucket.byValue[value]?.forEach(body)
        bucket.rest.forEach(body)
    }

    private static func remove<K: Hashable>(_ entry: Entry, at key: K, from map: inout [K: Set<Entry>]) {
        guard var set = map.removeValue(forKey: key) else { return }
        set.remove(entry)
        if !set.isEmpty { map[key] = set }
    }
}
