/// The triples of every row of one evaluation, each linked to the row's previous triple.
///
/// Why: extending a row by one matched triple is the engine's innermost step. With a
/// triple array per row that step allocated (and the allocator, not the matching,
/// dominated query time); here it appends one link to a shared array, and a row is just
/// the index of its last link. Rows share their common prefixes.
public struct DatalogArena: Sendable {
    /// One triple and the link before it in its row (`-1` at the row's start).
    struct Link: Sendable {
        var triple: Triple
        var previous: Int
    }

    private(set) var links: [Link] = []

    /// Appends `triple` after the link `previous`; returns the new link.
    mutating func append(_ triple: Triple, after previous: Int) -> Int {
        links.append(Link(triple: triple, previous: previous))
        return links.count - 1
    }

    /// Visits a row's triples from its last back to its first.
    func forEachBackwards(from last: Int, _ body: (Triple) -> Void) {
        var i = last
        while i >= 0 {
            body(links[i].triple)
            i = links[i].previous
        }
    }

    /// A row's triples in match order.
    func triples(endingAt last: Int) -> [Triple] {
        var out: [Triple] = []
        forEachBackwards(from: last) { out.append($0) }
        out.reverse()
        return out
    }

    /// Re-links the triples of the row ending at `other` after `previous` (an `or` branch
    /// row joined onto the row before the `or`); returns the new last link.
    mutating func appendRow(endingAt other: Int, after previous: Int) -> Int {
        var last = previous
        for t in triples(endingAt: other) { last = append(t, after: last) }
        return last
    }
}
