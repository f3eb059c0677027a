/// A seed dataset: an attr catalogue and the triples that use it
/// (shared/fixtures/README.md: the upstream `zeneca` and `movies` sets).
///
/// Parsed from the two JSON documents a fixture folder holds. The attrs are
/// complete `add-attr` payloads; the triples are applied as `add-triple` steps,
/// so a loaded app is indistinguishable from one built through transactions.
public struct Fixture: Sendable {
    /// One recorded fact: `[e, a, v]` or `[e, a, v, t]`.
    public struct Triple: Sendable, Equatable {
        public var entity: EntityID
        public var attr: EntityID
        public var value: JSONValue
        /// The recorded `t` (epoch ms), or nil when the file has none and the loader stamps it.
        public var createdAt: Int64?

        public init(entity: EntityID, attr: EntityID, value: JSONValue, createdAt: Int64? = nil) {
            self.entity = entity
            self.attr = attr
            self.value = value
            self.createdAt = createdAt
        }
    }

    /// Attrs in file order, with upstream's defaults filled in (`required?` false, catalog `user`).
    public var attrs: [Attr]
    /// Triples in file order.
    public var triples: [Triple]

    public init(attrs: [Attr], triples: [Triple]) {
        self.attrs = attrs
        self.triples = triples
    }
}
