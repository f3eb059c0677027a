import Testing

@testable import Engine

/// The admin tree and the socket node array come from one evaluation; this checks that a
/// client rebuilding objects from the socket join-rows' triples sees exactly the tree
/// (protocol-http §5 vs protocol-session §4.3).
struct QueryEncodingTests {
    typealias F = QueryFixtures

    static let queries = [
        #"{"users": {}}"#,
        #"{"users": {"$": {"where": {"handle": "stopa"}}}}"#,
        #"{"users": {"$": {"where": {"handle": "stopa"}}, "bookshelves": {"books": {}}}}"#,
        #"{"books": {"$": {"where": {"bookshelves.users.handle": "stopa"}}}}"#,
        #"{"books": {"$": {"where": {"title": {"$like": "%The%"}}}}}"#,
        #"{"books": {"$": {"order": {"serverCreatedAt": "desc"}, "limit": 10}}}"#,
        #"{"bookshelves": {"$": {"where": {"name": "Nonfiction"}}, "users": {}, "books": {"$": {"fields": ["title"]}}}}"#,
        #"{"users": {"$": {"where": {"or": [{"handle": "alex"}, {"bookshelves.books.title": "How To Win Friends and Influence People"}]}}, "bookshelves": {"$": {"where": {"name": {"$not": "Nonfiction"}}}}}}"#,
        #"{"users": {"$": {"fields": ["handle"]}}, "books": {"$": {"limit": 3}}}"#,
    ]

    @Test(arguments: queries)
    func socketTriplesRebuildTheTree(query: String) throws {
        let state = F.zenecaIndexedTitle
        let result = try F.run(F.parse(query), on: state)
        let tree = result.adminTree(inference: false)
        let rows = result.socketNodes.at(0)?["data"]?["datalog-result"]?["join-rows"]?.at(0)?.arrayValue ?? []
        let triples = Set(rows.map { row in
            Triple(entity: row.at(0)!.entityID!, attr: row.at(1)!.entityID!, value: TripleValue(row.at(2)!), createdAt: row.at(3)!.intValue!)
        })
        #expect(triples == Set(result.allTriples))
        #expect(result.adminTreeJSONBytes(inference: false) == tree.jsonBytes)
        #expect(result.adminTreeJSONBytes(inference: true) == result.adminTree(inference: true).jsonBytes)
        for form in result.forms {
            let objects = tree[form.form.key]?.arrayValue ?? []
            #expect(objects.count == form.entities.count)
            for (object, node) in zip(objects, form.entities) { check(object, node, form.form, triples, state) }
        }
    }

    /// One tree object against the triples: its fields are exactly the entity's triples of
    /// the etype's cardinality-one attrs, and each child list is exactly the linked entities.
    func check(_ object: JSONValue, _ node: EntityNode, _ form: InstaQLForm, _ triples: Set<Triple>, _ state: AppState) {
        let catalog = state.catalog
        let id = object["id"]?.entityID
        #expect(id == node.id)
        let childKeys = Set(form.children.map(\.key))
        var rebuilt = JSONObject()
        rebuilt["id"] = JSONValue(node.id)
        let fields = form.options.fields.map { Set($0 + ["id"]) }
        for t in triples where t.entity == node.id {
            guard let attr = catalog[t.attr], attr.etype == form.etype, attr.cardinality == .one, !attr.isIDAttr,
                !childKeys.contains(attr.label), fields?.contains(attr.label) ?? true
            else { continue }
            rebuilt[attr.label] = t.value.json
        }
        var fieldsOnly = object.objectValue ?? [:]
        for key in childKeys { fieldsOnly[key] = nil }
        #expect(JSONValue.object(fieldsOnly) == .object(rebuilt), "entity \(node.id)")
        for (child, childForm) in zip(node.children, form.children) {
            let listed = object[childForm.key]?.arrayValue ?? []
            let ids = Set(listed.compactMap { $0["id"]?.entityID })
            if childForm.options.whereClause == nil, let link = childForm.link {
                let linked = Set(
                    triples.filter { $0.attr == link.attr.id }.compactMap { t -> EntityID? in
                        link.isForward ? (t.entity == node.id ? t.value.entityID : nil) : (t.value == .id(node.id) ? t.entity : nil)
                    })
                #expect(ids == linked, "\(childForm.key) of \(node.id)")
            }
            for (o, n) in zip(listed, child.entities) { check(o, n, childForm, triples, state) }
        }
    }
}
