/// Turns query JSON into typed terms, validating as upstream's `coerce-forms!` and
/// `query-one` do (data-model §4, architecture §2.1). Pure: reads only the catalogue.
struct InstaQLParser {
    let catalog: AttrCatalog
    /// The query as received minus `$$ruleParams`; errors echo it as `hint.input`.
    let root: JSONValue
    let isAdmin: Bool

    /// Option keys accepted in `$` (architecture §2.1).
    static let optionKeys: Set<String> = [
        "where", "order", "limit", "first", "last", "offset", "before", "after",
        "beforeInclusive", "afterInclusive", "aggregate", "fields",
    ]

    /// Parses the whole query.
    func parseQuery() throws(InstantError) -> InstaQLQuery {
        InstaQLQuery(forms: try parseForms(root, path: [], parent: nil, level: 0))
    }

    /// Parses the forms of one object level; `parent` is nil at the top.
    func parseForms(_ value: JSONValue, path: [String], parent: String?, level: Int) throws(InstantError) -> [InstaQLForm] {
        guard let object = value.objectValue else {
            throw .invalidQuery(root, in: path, expected: "map?")
        }
        var forms: [InstaQLForm] = []
        for (key, body) in object.entries where !(level == 0 && key == "$$ruleParams") {
            let formPath = path + [key]
            guard let bodyObject = body.objectValue else {
                throw .invalidQuery(root, in: formPath, expected: "map?")
            }
            var etype = key
            var link: LinkStep?
            var isMissing = false
            if let parent {
                if let (attr, isForward) = catalog.resolve(parent, key) {
                    guard attr.isRef else { throw .needsLink(attr, etype: parent, label: key) }
                    link = LinkStep(attr: attr, isForward: isForward)
                    etype = link!.targetEtype
                } else {
                    isMissing = true
                    etype = ""
                }
            } else {
                isMissing = catalog.idAttr(key) == nil
            }
            var options = try parseOptions(bodyObject["$"] ?? .object([:]), path: formPath, etype: etype, level: level)
            var childObject = bodyObject
            childObject["$"] = nil
            let children = try parseForms(.object(childObject), path: formPath, parent: etype, level: level + 1)
            if level == 0, !isMissing {
                try validatePagination(&options, path: formPath, etype: etype)
            }
            if options.isCountAggregate {
                guard isAdmin else {
                    throw .invalidQuery(
                        root, in: formPath + ["$", "aggregate"], expected: "admin?",
                        messages: ["Aggregates are currently only available for admin queries."])
                }
                guard children.isEmpty else {
                    throw .invalidQuery(
                        root, in: formPath + ["$", "aggregate"], expected: "valid-query?",
                        messages: ["You can not combine aggregates with child queries at this time."])
                }
            }
            forms.append(
                InstaQLForm(
                    key: key, etype: etype, link: link, options: options, children: children, isMissing: isMissing))
        }
        return forms
    }

    /// Clojure truthiness: upstream skips an option whose value is null or false.
    private func truthy(_ v: JSONValue?) -> JSONValue? {
        guard let v, !v.isNull, v != .bool(false) else { return nil }
        return v
    }

    /// Validates and reads the `$` map (upstream `coerce-option-map!`).
    func parseOptions(_ value: JSONValue, path: [String], etype: String, level: Int) throws(InstantError) -> FormOptions {
        let optionPath = path + ["$"]
        guard let o = value.objectValue else { throw .invalidQuery(root, in: optionPath, expected: "map?") }
        var options = FormOptions()
        if let w = o["where"], !w.isNull {
            guard let whereObject = w.objectValue else {
                throw .invalidQuery(root, in: optionPath + ["where"], expected: "map?")
            }
            options.whereClause = try parseWhereObject(whereObject, etype: etype, path: optionPath)
        }
        if let orderValue = o["order"], !orderValue.isNull {
            options.order = try parseOrder(orderValue, path: optionPath + ["order"], etype: etype)
        }
        func positive(_ name: String, allowZero: Bool = false) throws(InstantError) -> Int? {
            guard let v = truthy(o[name]) else { return nil }
            if case .int(let n) = v, allowZero ? n >= 0 : n > 0 { return Int(n) }
            let message =
                allowZero
                ? "The \(name) field must be a non-negative integer. Got \(v.jsonString)."
                : "The \(name) field must be a positive integer. Got \(v.jsonString)."
            throw .invalidQuery(root, in: optionPath + [name], expected: "supported-options?", messages: [message])
        }
        let limit = try positive("limit")
        let first = try positive("first")
        let last = try positive("last")
        options.offset = try positive("offset", allowZero: true)
        if let after = truthy(o["after"]) { options.after = try parseCursor(after, path: optionPath + ["after"]) }
        if let v = o["afterInclusive"], !v.isNull {
            guard let b = v.boolValue else { throw .invalidQuery(root, in: optionPath + ["afterInclusive"], expected: "boolean?") }
            options.afterInclusive = b
        }
        if let before = truthy(o["before"]) { options.before = try parseCursor(before, path: optionPath + ["before"]) }
        if let v = o["beforeInclusive"], !v.isNull {
            guard let b = v.boolValue else { throw .invalidQuery(root, in: optionPath + ["beforeInclusive"], expected: "boolean?") }
            options.beforeInclusive = b
        }
        if let aggregate = truthy(o["aggregate"]) {
            guard aggregate == "count" else {
                throw .invalidQuery(
                    root, in: optionPath + ["aggregate"], expected: "supported-options?",
                    messages: ["The aggregate field only accepts \"count\", got \(aggregate.jsonString)."])
            }
            options.isCountAggregate = true
        }
        if let fields = truthy(o["fields"]) {
            guard let list = fields.arrayValue else {
                throw .invalidQuery(
                    root, in: optionPath + ["fields"], expected: "array?",
                    messages: ["The `fields` property should be an array of field names."])
            }
            options.fields = list.compactMap(\.stringValue)
        }
        if o.keys.contains(where: { !Self.optionKeys.contains($0) }) {
            throw .invalidQuery(
                root, in: optionPath, expected: "supported-options?",
                messages: ["We only support `where`, `order`, `limit`, `offset`, `before`, and `after` clauses."])
        }
        if level > 0, options.offset != nil || options.after != nil || options.before != nil {
            throw .invalidQuery(
                root, in: optionPath, expected: "supported-options?",
                messages: [
                    "We currently only support `offset`, `before`, and `after` clauses on the top-level field. Limit fields will be ignored"
                ])
        }
        let given = [("`limit`", limit), ("`first`", first), ("`last`", last)].filter { $0.1 != nil }
        if given.count > 1 {
            throw .invalidQuery(
                root, in: optionPath, expected: "supported-options?",
                messages: ["Only provide one of \(given.map(\.0).joined(separator: " or "))."])
        }
        options.limit = limit ?? first ?? last
        options.isLast = last != nil
        return options
    }
}
