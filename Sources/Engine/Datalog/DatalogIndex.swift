/// The TripleStore index a pattern reads, chosen only from which of e, a and v are known
/// when it runs (bound variable or constant set); functions count as unknown because no
/// hash index answers them (datascript `db.cljc` `search`; architecture §1.1, §7.3).
enum DatalogIndex: Equatable, Sendable {
    /// `ea`/`eav`: the entity's own facts (`TripleStore.entities`), filtered by a and v.
    case entityFacts
    /// `av`/`ave`/`vae`: the postings of each (attr, value) (`TripleStore.values`).
    case valuePostings
    /// `aev`: every value of the attr with its postings; a value function prunes whole values.
    case attrScan
    /// `vae` without an attr: each attr's value table at the value.
    case valueInEveryAttr
    /// Every fact of every entity.
    case fullScan

    /// The one table of access paths, a line per case.
    static func choose(entity: Bool, attr: Bool, value: Bool) -> DatalogIndex {
        switch (entity, attr, value) {
        case (true, true, true): .entityFacts  // [e a v]: the entity's facts of a, checked against v
        case (true, true, false): .entityFacts  // [e a ?]: the entity's facts of a
        case (true, false, true): .entityFacts  // [e ? v]: every fact of e, checked against v
        case (true, false, false): .entityFacts  // [e ? ?]: every fact of e
        case (false, true, true): .valuePostings  // [? a v]: postings of (a, v); refs read backwards (vae)
        case (false, true, false): .attrScan  // [? a ?]: every value of a, then its postings
        case (false, false, true): .valueInEveryAttr  // [? ? v]: every attr's postings of v
        case (false, false, false): .fullScan  // [? ? ?]: everything
        }
    }
}
