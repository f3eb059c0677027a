/// The server-built object tree of `/admin/query` and admin subscriptions
/// (protocol-http §5, data-model §6.7; upstream `instaql-nodes->object-tree`).
extension QueryResult {
    /// `{key: [entity, …]}` for every top-level key. Aggregate forms are left out (their
    /// counts travel beside the tree); page-info is not part of the tree either.
    public func adminTree(inference: Bool) -> JSONValue {
        var out = JSONObject()
        for form in forms where !form.form.options.isCountAggregate {
            out[form.form.key] = .array(form.entities.map { object(for: $0, form: form.form, inference: inference) })
        }
        return .object(out)
    }

    /// One entity: `id`, its blob values (nulls included), has-one forward link ids as plain
    /// fields unless a child form of the same label replaces them, then the children.
    func object(for node: EntityNode, form: InstaQLForm, inference: Bool) -> JSONValue {
        var o = JSONObject()
        o["id"] = JSONValue(node.id)
        let childKeys = Set(form.children.map(\.key))
        for triple in node.triples {
            guard let attr = attrs[triple.attr], !attr.isIDAttr, !childKeys.contains(attr.label) else { continue }
            o[attr.label] = triple.value.json
        }
        for child in node.children {
            let objects = child.entities.map { object(for: $0, form: child.form, inference: inference) }
            if inference, let link = child.form.link, link.isSingular {
                o[child.form.key] = objects.first ?? .null
            } else {
                o[child.form.key] = .array(objects)
            }
        }
        return .object(o)
    }

    /// `{key: page-info}` for paginated top-level forms (admin subscriptions' `result-meta`).
    public var pageInfoJSON: JSONValue {
        var out = JSONObject()
        for form in forms { if let info = form.pageInfo { out[form.form.key] = info.json } }
        return .object(out)
    }

    /// `{key: {count: n}}` for aggregate forms (protocol-session §4.5).
    public var aggregateJSON: JSONValue {
        var out = JSONObject()
        for form in forms { if let n = form.count { out[form.form.key] = ["count": .int(Int64(n))] } }
        return .object(out)
    }
}
