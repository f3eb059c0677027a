/// `order` and cursor validation (data-model §4.2, §6.1, §6.3; upstream `coerce-order`,
/// `assert-cursor!`, `page-info-of-form`).
extension InstaQLParser {
    /// Reads `{key: "asc"|"desc"}`. Top-level attr requirements are checked later by
    /// `validatePagination`; nested orders are never validated beyond their shape (§6.1).
    func parseOrder(_ value: JSONValue, path: [String], etype: String) throws(InstantError) -> QueryOrder? {
        guard let o = value.objectValue else { throw .invalidQuery(root, in: path, expected: "map?") }
        guard o.count <= 1 else {
            throw .invalidQuery(
                root, in: path, expected: "single-key?",
                messages: ["We only support a single key in the `order` clause. Got \(o.keys.joined(separator: ","))."])
        }
        guard let (key, direction) = o.entries.first else { return nil }
        guard direction == "asc" || direction == "desc" else {
            throw .invalidQuery(
                root, in: path + [key], expected: "valid-direction?",
                messages: ["We only support \"asc\" or \"desc\" in the `order` clause. Got \(direction.jsonString)."])
        }
        let resolved: QueryOrder.Key
        if key == "serverCreatedAt" {
            resolved = .serverCreatedAt
        } else if let attr = catalog.forward(etype, key), !attr.isRef {
            resolved = .attr(attr)
        } else {
            resolved = .unknown(key)
        }
        return QueryOrder(key: resolved, isDescending: direction == "desc")
    }

    /// Validates a cursor's shape: a 3- or 4-element join row with a uuid attr and integer `t`.
    func parseCursor(_ value: JSONValue, path: [String]) throws(InstantError) -> QueryCursor {
        func fail(_ message: String) -> InstantError {
            .invalidQuery(root, in: path, expected: "join-row?", messages: [message])
        }
        guard let row = value.arrayValue else { throw fail("Expected a join row for the cursor, got \(value.jsonString).") }
        guard row.count == 3 || row.count == 4 else {
            throw fail("Expected a join row with 4 items for the cursor, got \(value.jsonString).")
        }
        guard let attr = row[1].entityID else {
            throw fail("Expected a join row with a uuid attribute id in the second position, got \(row[1].jsonString).")
        }
        var createdAt: Int64?
        if row.count == 4, !row[3].isNull {
            guard case .int(let t) = row[3] else {
                throw fail("Expected a join row with an integer created_at in the last position, got \(row[3].jsonString).")
            }
            createdAt = t
        }
        return QueryCursor(entity: row[0].entityID, attr: attr, value: row[2], createdAt: createdAt)
    }

    /// Top-level ordering requirements and cursor/order agreement, checked only when the
    /// form is paginated, as upstream does.
    func validatePagination(_ options: inout FormOptions, path: [String], etype: String) throws(InstantError) {
        guard options.isPaginated else { return }
        let orderPath = path + ["$", "order"]
        let order = options.order ?? QueryOrder(key: .serverCreatedAt, isDescending: false)
        let orderAttr: Attr
        switch order.key {
        case .serverCreatedAt:
            guard let id = catalog.idAttr(etype) else {
                throw .invalidQuery(
                    root, in: orderPath, expected: "supported-order?", messages: ["There is no `id` attribute for \(etype)."])
            }
            orderAttr = id
        case .unknown(let label):
            guard let attr = catalog.forward(etype, label) else {
                throw .invalidQuery(
                    root, in: orderPath, expected: "supported-order?", messages: ["There is no `\(label)` attribute for \(etype)."])
            }
            orderAttr = attr
        case .attr(let attr):
            orderAttr = attr
        }
        if order.key != .serverCreatedAt {
            var errors: [String] = []
            let name = orderAttr.qualifiedName
            if !orderAttr.isIndexed {
                errors.append("The `\(name)` attribute is not indexed. Only indexed and typed attributes can be used to order by.")
            }
            if orderAttr.checkedDataType == nil {
                errors.append("The `\(name)` attribute is not typed. Only typed and indexed attributes can be used to order by.")
            }
            if orderAttr.cardinality != .one {
                errors.append(
                    "The `\(name)` attribute has cardinality `many`. Only attributes with cardinality `one` can be used to order by."
                )
            }
            if !errors.isEmpty { throw .invalidQuery(root, in: orderPath, expected: "supported-order?", messages: errors) }
        }
        for (name, cursor) in [("before", options.before), ("after", options.after)] {
            guard let cursor, cursor.attr != orderAttr.id else { continue }
            func label(_ a: Attr) -> String { a.label == "id" ? "serverCreatedAt" : a.label }
            let detail =
                catalog[cursor.attr].map {
                    "The query orders by `\(label(orderAttr))`, but the query that returned the cursor orders by `\(label($0))`."
                } ?? "The query orders by `\(label(orderAttr))`, but the query that returned the cursor orders by a missing attribute."
            throw .invalidQuery(
                root, in: path + ["$", name], expected: "valid-cursor?", messages: ["Invalid \(name) cursor. \(detail)"])
        }
        options.order = order
    }
}
