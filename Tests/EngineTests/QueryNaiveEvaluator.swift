@testable import Engine

/// A deliberately naive InstaQL evaluator for the differential test: full scans over
/// `allTriples()`, written from the spec (data-model §5.4, §6.1, §6.2) without sharing
/// engine code beyond value types.
struct NaiveEvaluator {
    struct Outcome: Equatable {
        var ids: [EntityID]
        var children: [Set<EntityID>]
        var next: Bool?
        var previous: Bool?
    }

    let state: AppState
    let triples: [Triple]

    init(state: AppState) {
        self.state = state
        triples = state.allTriples()
    }

    func attr(_ etype: String, _ label: String) -> (Attr, Bool)? { state.catalog.resolve(etype, label) }

    func listed(_ etype: String) -> [EntityID] {
        guard let id = state.catalog.idAttr(etype)?.id else { return [] }
        return triples.filter { $0.attr == id && $0.value == .id($0.entity) }.map(\.entity).sorted { key($0, etype, nil) < key($1, etype, nil) }
    }

    func values(_ e: EntityID, _ a: Attr) -> [TripleValue] { triples.filter { $0.entity == e && $0.attr == a.id }.map(\.value) }

    func hop(_ e: EntityID, _ a: Attr, _ forward: Bool) -> [EntityID] {
        forward ? values(e, a).compactMap(\.entityID) : triples.filter { $0.attr == a.id && $0.value == .id(e) }.map(\.entity)
    }

    /// Sort key: (has value, number-or-t, id) ascending.
    func key(_ e: EntityID, _ etype: String, _ label: String?) -> SortTuple {
        if let label, label != "serverCreatedAt", let (a, _) = attr(etype, label) {
            let d = values(e, a).first?.json.doubleValue
            return SortTuple(v: d, e: e)
        }
        let t = triples.first { $0.entity == e && $0.attr == state.catalog.idAttr(etype)!.id }?.createdAt
        return SortTuple(v: t.map(Double.init), e: e)
    }

    struct SortTuple: Comparable {
        var v: Double?
        var e: EntityID
        static func < (l: SortTuple, r: SortTuple) -> Bool {
            switch (l.v, r.v) {
            case (nil, nil): return l.e < r.e
            case (nil, _): return true
            case (_, nil): return false
            case (let a?, let b?): return a != b ? a < b : l.e < r.e
            }
        }
    }

    func cursorJSON(_ e: EntityID, order: JSONValue?) -> JSONValue {
        let label = order?.objectValue?.keys.first ?? "serverCreatedAt"
        if label == "n", let (a, _) = attr("a", "n") {
            return [JSONValue(e), JSONValue(a.id), values(e, a).first?.json ?? .null, 0]
        }
        let idAttr = state.catalog.idAttr("a")!
        return [JSONValue(e), JSONValue(idAttr.id), JSONValue(e), .int(Int64(key(e, "a", nil).v ?? 0))]
    }

    /// Whether `e` (of `etype`) satisfies a where object.
    func matches(_ e: EntityID, _ etype: String, _ w: JSONValue) -> Bool {
        w.objectValue!.entries.allSatisfy { k, v in
            if k == "or" { return v.arrayValue!.contains { matches(e, etype, $0) } }
            if k == "and" { return v.arrayValue!.allSatisfy { matches(e, etype, $0) } }
            return condition(e, etype, k.split(separator: ".").map(String.init), v)
        }
    }

    /// Follows the path; returns nil when a name is unknown.
    func ends(_ e: EntityID, _ etype: String, _ path: [String]) -> [(EntityID, String)]? {
        var frontier = [(e, etype)]
        var current = etype
        for seg in path.dropLast() {
            guard let (a, fwd) = attr(current, seg), a.isRef else { return nil }
            let next = fwd ? a.reverseIdentity!.etype : a.etype
            frontier = frontier.flatMap { x in hop(x.0, a, fwd).map { ($0, next) } }
            current = next
        }
        return frontier
    }

    func etypeAfter(_ etype: String, _ path: [String], _ seg: String) -> String {
        var cur = etype
        for s in path { if s == seg { return cur }; if let (a, f) = attr(cur, s) { cur = f ? a.reverseIdentity!.etype : a.etype } }
        return cur
    }

    func lastValues(_ x: EntityID, _ etype: String, _ label: String) -> [TripleValue]? {
        guard let (a, fwd) = attr(etype, label) else { return nil }
        return a.isRef ? hop(x, a, fwd).map { .id($0) } : values(x, a)
    }

    func isNullSomewhere(_ e: EntityID, _ etype: String, _ path: [String]) -> Bool {
        guard let (a, fwd) = attr(etype, path[0]) else { return false }
        if path.count == 1 { return (lastValues(e, etype, path[0]) ?? []).allSatisfy(\.isNull) }
        let next = hop(e, a, fwd)
        let nextEtype = fwd ? a.reverseIdentity!.etype : a.etype
        return next.isEmpty || next.contains { isNullSomewhere($0, nextEtype, Array(path.dropFirst())) }
    }

    func condition(_ e: EntityID, _ etype: String, _ path: [String], _ v: JSONValue) -> Bool {
        guard let ends = ends(e, etype, path), let lastEtype = Optional(etypeAfter(etype, path, path.last!)),
            let (lastAttr, _) = attr(lastEtype, path.last!)
        else { return false }
        let vals = ends.flatMap { lastValues($0.0, lastEtype, path.last!) ?? [] }
        func eq(_ stored: TripleValue, _ q: JSONValue) -> Bool {
            if lastAttr.checkedDataType == .number, lastAttr.isIndexed { return stored.json.doubleValue != nil && stored.json.doubleValue == q.doubleValue }
            return stored == TripleValue(q)
        }
        guard let op = v.objectValue else { return vals.contains { eq($0, v) } }
        let (name, arg) = op.entries[0]
        switch name {
        case "$in": return arg.arrayValue!.contains { q in q.isNull ? isNullSomewhere(e, etype, path) : vals.contains { eq($0, q) } }
        case "$not": return vals.contains { !eq($0, arg) } || isNullSomewhere(e, etype, path)
        case "$isNull": return arg == true ? isNullSomewhere(e, etype, path) : vals.contains { !$0.isNull }
        case "$like", "$ilike":
            let ci = name == "$ilike"
            let regex = arg.stringValue!
            return vals.contains { s in s.json.stringValue.map { naiveLike(ci ? $0.lowercased() : $0, ci ? regex.lowercased() : regex) } ?? false }
        default:
            let q = arg.doubleValue!
            return vals.contains { s in
                guard let d = s.json.doubleValue else { return false }
                switch name {
                case "$gt": return d > q
                case "$gte": return d >= q
                case "$lt": return d < q
                default: return d <= q
                }
            }
        }
    }

    /// Recursive LIKE with backslash escapes.
    func naiveLike(_ s: String, _ p: String) -> Bool {
        let s = Array(s), p = Array(p)
        func go(_ i: Int, _ j: Int) -> Bool {
            if j == p.count { return i == s.count }
            if p[j] == "%" { return (i...s.count).contains { go($0, j + 1) } }
            if p[j] == "\\", j + 1 < p.count { return i < s.count && s[i] == p[j + 1] && go(i + 1, j + 2) }
            if i == s.count { return false }
            return (p[j] == "_" || p[j] == s[i]) && go(i + 1, j + 1)
        }
        return go(0, 0)
    }

    func run(_ query: JSONValue) -> Outcome {
        let form = query["a"]!
        let o = form["$"]?.objectValue ?? [:]
        var rows = listed("a").filter { e in o["where"].map { matches(e, "a", $0) } ?? true }
        let label = o["order"]?.objectValue?.keys.first
        let desc = o["order"]?.objectValue?.entries.first?.value == "desc"
        func before(_ x: EntityID, _ y: EntityID) -> Bool { desc ? key(y, "a", label) < key(x, "a", label) : key(x, "a", label) < key(y, "a", label) }
        rows.sort(by: before)
        let all = rows
        let paginated = !o.keys.filter { ["limit", "first", "last", "offset", "after", "before", "order"].contains($0) }.isEmpty
        var next: Bool?, previous: Bool?
        if paginated {
            func cursorBefore(_ c: JSONValue, _ x: EntityID) -> Int {
                let ce = c.at(0)!.entityID!
                let ck = label == "n" ? SortTuple(v: c.at(2)!.doubleValue, e: ce) : SortTuple(v: c.at(3)!.doubleValue, e: ce)
                let xk = key(x, "a", label)
                if ck == xk { return 0 }
                return (desc ? xk < ck : ck < xk) ? 1 : -1
            }
            if let c = o["after"] { rows = rows.filter { let r = cursorBefore(c, $0); return r == 1 || (r == 0 && o["afterInclusive"] == true) } }
            if let c = o["before"] { rows = rows.filter { let r = cursorBefore(c, $0); return r == -1 || (r == 0 && o["beforeInclusive"] == true) } }
            let n = (o["limit"] ?? o["first"] ?? o["last"])?.intValue.map(Int.init)
            let isLast = o["last"] != nil
            let off = Int(o["offset"]?.intValue ?? 0)
            var page: [EntityID]
            if isLast, let n { page = Array(rows.dropLast(off).suffix(n)) } else { page = Array(rows.dropFirst(off)); if let n { page = Array(page.prefix(n)) } }
            if n == nil && o["before"] == nil { next = false }
            else if n != nil && !isLast && o["before"] == nil { next = rows.count > off + n! }
            else { next = page.last.map { l in all.contains { before(l, $0) } } ?? false }
            if o["after"] == nil && off == 0 && !isLast { previous = false }
            else if isLast && o["after"] == nil { previous = rows.count > off + n! }
            else { previous = page.first.map { f in all.contains { before($0, f) } } ?? false }
            if page.isEmpty && (off > 0 || o["after"] != nil) { previous = true }
            rows = page
        }
        let (bs, _) = attr("a", "bs")!
        let childWhere = form["bs"]?["$"]?["where"]
        let children = rows.map { e in Set(hop(e, bs, true).filter { c in childWhere.map { matches(c, "b", $0) } ?? true }) }
        return Outcome(ids: rows, children: children, next: next, previous: previous)
    }
}
