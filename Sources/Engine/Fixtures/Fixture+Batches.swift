/// A fixture cut into transactions, so any owner of an app (an `AppState` in a test,
/// an `AppDatabase` with a log) can seed it through the ordinary transaction path.
extension Fixture {
    /// One seeding transaction: its steps and the recorded `t` of each entity in it.
    public struct Batch: Sendable {
        public var steps: [TxStep]
        public var createdAt: [EntityID: Int64]

        /// The context that keeps the recorded timestamps.
        public var context: TransactionContext {
            TransactionContext(isAdmin: true, createdAtOverride: createdAt)
        }
    }

    /// The attrs first (under their own ids), then the triples grouped by entity in
    /// order of first appearance, at most about `AppState.fixtureBatchSize` steps each.
    /// An entity's triples are never split, and share the `t` of its first triple.
    public func batches() -> [Batch] {
        var batches: [Batch] = []
        if !attrs.isEmpty { batches.append(Batch(steps: attrs.map { .addAttr($0) }, createdAt: [:])) }
        var order: [EntityID] = []
        var byEntity: [EntityID: [Fixture.Triple]] = [:]
        for triple in triples {
            if byEntity[triple.entity] == nil { order.append(triple.entity) }
            byEntity[triple.entity, default: []].append(triple)
        }
        var current = Batch(steps: [], createdAt: [:])
        for entity in order {
            let group = byEntity[entity] ?? []
            if let t = group.first?.createdAt { current.createdAt[entity] = t }
            for triple in group {
                current.steps.append(.addTriple(.id(entity), attr: triple.attr, value: triple.value, mode: nil))
            }
            if current.steps.count >= AppState.fixtureBatchSize {
                batches.append(current)
                current = Batch(steps: [], createdAt: [:])
            }
        }
        if !current.steps.isEmpty { batches.append(current) }
        return batches
    }
}
