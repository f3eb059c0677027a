/// The socket encoding (protocol-session §4.3–§4.5): one node whose single join-row holds
/// the de-duplicated union of every triple of every level, with page-info and aggregate
/// keyed by top-level key. The client rebuilds its own tree from the triples.
extension QueryResult {
    /// Every triple of the result once, in first-seen order: per top-level entity its
    /// where triples, cursor triples, own triples, then link triples and children.
    public var allTriples: [Triple] {
        var seen = Set<Triple>()
        var out: [Triple] = []
        func add(_ t: Triple) { if seen.insert(t).inserted { out.append(t) } }
        func visit(_ form: FormResult) {
            form.whereTriples.forEach(add)
            form.cursorTriples.forEach(add)
            for node in form.entities {
                node.linkTriple.map(add)
                node.triples.forEach(add)
                node.children.forEach(visit)
            }
        }
        forms.forEach(visit)
        return out
    }

    /// The `result` array of `add-query-ok` / `instaql-result` of `refresh-ok`.
    public var socketNodes: JSONValue {
        var data = JSONObject()
        data["datalog-result"] = ["join-rows": [.array(allTriples.map(\.json))]]
        if forms.contains(where: { $0.pageInfo != nil }) { data["page-info"] = pageInfoJSON }
        if forms.contains(where: { $0.count != nil }) { data["aggregate"] = aggregateJSON }
        return [["data": .object(data), "child-nodes": []]]
    }
}
