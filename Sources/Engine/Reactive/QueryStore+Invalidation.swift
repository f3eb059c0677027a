/// Commit → stale subscriptions → sessions to wake (server-architecture §4.1 step 4).
extension QueryStore {
    /// Marks the subscriptions a committed transaction can affect as stale and returns the
    /// sessions to wake once the commit is durable. Runs under the app's lock, in commit
    /// order, right after the transaction is applied.
    ///
    /// Each changed triple is a change topic `[F, {e}, {a}, {v}]` (§3.3; an update of a
    /// cardinality-one value is a retraction and an insertion, so both values are
    /// covered). Only query topics the reverse index files under that triple are confirmed
    /// with the full match rule (§3.4), so the cost follows the candidates, not the
    /// number of subscriptions. Subscriptions already stale are skipped: the commit that
    /// made them stale has woken their sessions, whose refresh will see this commit too.
    ///
    /// A catalogue change marks every subscription stale and wakes every session: entity
    /// topics list the attrs that existed when the query ran, so a new or restored attr
    /// would be missed by topics, and every session must receive the new attrs (§6.5).
    /// Schema changes are rare, so this costs little.
    mutating func invalidate(by report: TxReport) -> CommitWakes {
        let attrsChanged = !report.attrChanges.isEmpty
        var stale = Set<Int>()
        if attrsChanged {
            catalogVersion += 1
            stale = Set(subscriptions.keys)
        } else {
            for change in report.changes {
                collectMatches(of: change.triple, attr: report.attrs[change.triple.attr], into: &stale)
            }
        }
        var sessionIDs = Set<EntityID>()
        for number in stale {
            guard var subscription = subscriptions[number] else { continue }
            if !subscription.isStale {
                subscription.isStale = true
                subscriptions[number] = subscription
            }
            sessionIDs.formUnion(subscription.subscribers.keys)
        }
        if attrsChanged { sessionIDs = Set(sessions.keys) }
        let targets = sessionIDs.compactMap { sessions[$0]?.wake }
        return CommitWakes(notice: CommitNotice(txID: report.txID, attrsChanged: attrsChanged), targets: targets)
    }

    /// Marks every subscription stale and wakes every session: the rules changed, so any
    /// result may differ (permissions §5.2: view rules run again on re-evaluation).
    mutating func invalidateAll(txID: Int64) -> CommitWakes {
        for number in Array(subscriptions.keys) { subscriptions[number]?.isStale = true }
        let targets = sessions.values.compactMap(\.wake)
        return CommitWakes(notice: CommitNotice(txID: txID, attrsChanged: false), targets: targets)
    }

    /// Adds the fresh subscriptions with a topic matching one changed triple.
    private func collectMatches(of triple: Triple, attr: Attr?, into stale: inout Set<Int>) {
        // A triple of an attr the report does not know (deleted meanwhile) may sit in any index.
        let flags = attr.map(QueryTopic.Indexes.init(of:)) ?? .all
        index.forEachCandidate(entity: triple.entity, attr: triple.attr, value: triple.value) { entry in
            guard !stale.contains(entry.subscription), let subscription = subscriptions[entry.subscription],
                !subscription.isStale, entry.topic < subscription.topics.count
            else { return }
            if subscription.topics[entry.topic].matches(triple, flags: flags) { stale.insert(entry.subscription) }
        }
    }
}

/// The wake-ups one commit owes, delivered after it is durable and outside every lock.
struct CommitWakes: Sendable {
    var notice: CommitNotice
    var targets: [SessionWake]

    /// Calls every target.
    func deliver() {
        for wake in targets { wake(notice) }
    }
}
