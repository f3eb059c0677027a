/// The server-built object tree of `/admin/query` and admin subscriptions
/// (protocol-http §5, data-model §6.7; upstream `instaql-nodes->object-tree`).
extension QueryResult {
    /// `{key: [entity, …]}` for every top-level key. Aggregate forms are left out (their
    /// counts travel beside the tree); page-info is not part of the tree either.
    public func adminTree(inference: Bool) -> JSONValue {
        var out = JSONObject()
        var labels = TreeLabels(attrs: attrs)
        for form in forms where !form.form.options.isCountAggregate {
            let childKeys = Set(form.form.children.map(\.key))
            out[form.form.key] = .array(
                form.entities.map { object(for: $0, form: form.form, childKeys: childKeys, inference: inference, labels: &labels) })
        }
        return .object(out)
    }

    /// One entity: `id`, its blob values (nulls included), has-one forward link ids as plain
    /// fields unless a child form of the same label replaces them, then the children.
    func object(
        for node: EntityNode, form: InstaQLForm, childKeys: Set<String>, inference: Bool, labels: inout TreeLabels
    ) -> JSONValue {
        var o = JSONObject(minimumCapacity: node.triples.count + node.children.count + 1)
        o["id"] = JSONValue(node.id)
        for triple in node.triples {
            guard let label = labels.label(of: triple.attr), !childKeys.contains(label) else { continue }
            o[label] = triple.value.json
        }
        for child in node.children {
            let grandchildKeys = Set(child.form.children.map(\.key))
            let objects = child.entities.map {
                object(for: $0, form: child.form, childKeys: grandchildKeys, inference: inference, labels: &labels)
            }
            if inference, let link = child.form.link, link.isSingular {
                o[child.form.key] = objects.first ?? .null
            } else {
                o[child.form.key] = .array(objects)
            }
        }
        return .object(o)
    }

    /// Attr id → tree key, looked up once per attr per tree (`nil` for `id` attrs, which
    /// the tree writes itself, and for unknown attrs).
    struct TreeLabels {
        let attrs: [EntityID: Attr]
        var cache: [EntityID: String?] = [:]

        mutating func label(of attr: EntityID) -> String? {
            if let known = cache[attr] { return known }
            let label = attrs[attr].flatMap { $0.isIDAttr ? nil : $0.label }
            cache[attr] = .some(label)
            return label
        }
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
