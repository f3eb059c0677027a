/// The shape of `where` objects (data-model §5.1–§5.5): keys, `and`/`or`, operator objects.
extension InstaQLParser {
    /// A where operator as written, before the path is resolved.
    enum RawOperator {
        case equals(JSONValue)
        case oneOf([JSONValue])
        case not(JSONValue)
        case isNull(Bool)
        case compare(ComparisonOperator, JSONValue)
        case like(JSONValue, caseInsensitive: Bool)
    }

    /// Operator keys upstream accepts (`where-value-valid-keys?`).
    static let operatorKeys: Set<String> = [
        "in", "$in", "$not", "$ne", "$isNull", "$gt", "$gte", "$lt", "$lte", "$like", "$ilike", "$entityIdStartsWith",
    ]

    /// Parses one where object; its keys are ANDed. `path` is the form's `[…, "$"]` path.
    func parseWhereObject(_ object: JSONObject, etype: String, path: [String]) throws(InstantError) -> WhereClause {
        var parts: [WhereClause] = []
        for (key, value) in object.entries {
            if key == "or" || key == "and", let list = value.arrayValue {
                guard !list.isEmpty else {
                    throw .invalidQuery(
                        root, in: path + [key], expected: "non-empty-list?",
                        messages: ["The list of `\(key)` conditions can't be empty."])
                }
                var members: [WhereClause] = []
                for member in list {
                    guard let memberObject = member.objectValue else {
                        throw .invalidCoercedQuery(root, in: path + ["where", key], expected: "map?")
                    }
                    members.append(try parseWhereObject(memberObject, etype: etype, path: path))
                }
                parts.append(key == "or" ? .any(members) : .all(members))
            } else if key == "$entityIdStartsWith" {
                guard let prefix = value.stringValue else {
                    throw .invalidCoercedQuery(root, in: path + ["where", key], expected: "string?")
                }
                parts.append(.idPrefix(String(prefix.lowercased().filter { $0 != "-" })))
            } else {
                let op = try parseOperator(value, path: path + ["where", key])
                parts.append(try resolveCondition(key: key, op: op, rawValue: value, etype: etype, path: path))
            }
        }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    private func isScalar(_ v: JSONValue) -> Bool {
        switch v {
        case .string, .int, .double, .bigNumber, .bool: true
        case .null, .array, .object: false
        }
    }

    /// Reads a condition value: a scalar, or an operator object whose first key wins (§5.3).
    func parseOperator(_ value: JSONValue, path: [String]) throws(InstantError) -> RawOperator {
        if isScalar(value) { return .equals(value) }
        guard let o = value.objectValue, let (key, operand) = o.entries.first,
            o.keys.allSatisfy(Self.operatorKeys.contains)
        else {
            throw .invalidCoercedQuery(root, in: path, expected: "instant.db.instaql/where-value-valid-keys?")
        }
        switch key {
        case "in", "$in":
            guard let list = operand.arrayValue else { throw .invalidCoercedQuery(root, in: path + [key], expected: "vector?") }
            guard list.allSatisfy({ isScalar($0) || $0.isNull }) else {
                throw .invalidCoercedQuery(root, in: path + [key], expected: "instant.db.instaql/in-value-valid?")
            }
            return .oneOf(list)
        case "$not", "$ne":
            guard isScalar(operand) else {
                throw .invalidCoercedQuery(root, in: path + [key], expected: "instant.db.instaql/where-value-valid?")
            }
            return .not(operand)
        case "$isNull":
            guard let b = operand.boolValue else { throw .invalidCoercedQuery(root, in: path + [key], expected: "boolean?") }
            return .isNull(b)
        case "$like", "$ilike":
            guard isScalar(operand) else {
                throw .invalidCoercedQuery(root, in: path + [key], expected: "instant.db.instaql/comparator")
            }
            return .like(operand, caseInsensitive: key == "$ilike")
        default:
            guard let comparison = ComparisonOperator(rawValue: key), isScalar(operand) else {
                throw .invalidCoercedQuery(root, in: path + [key], expected: "instant.db.instaql/comparator")
            }
            return .compare(comparison, operand)
        }
    }

    /// Resolves a dotted path from `etype`; unknown names make the condition match nothing.
    func resolveCondition(
        key: String, op: RawOperator, rawValue: JSONValue, etype: String, path: [String]
    ) throws(InstantError) -> WhereClause {
        let segments = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var steps: [LinkStep] = []
        var current = etype
        for segment in segments.dropLast() {
            guard let (attr, isForward) = catalog.resolve(current, segment) else { return .nothing }
            guard attr.isRef else { throw .needsLink(attr, etype: current, label: segment) }
            let step = LinkStep(attr: attr, isForward: isForward)
            steps.append(step)
            current = step.targetEtype
        }
        let label = segments.last ?? key
        guard let (attr, isForward) = catalog.resolve(current, label) else { return .nothing }
        let valuePath = path + ["where", label]
        if attr.isRef {
            let step = LinkStep(attr: attr, isForward: isForward)
            let linkOp = try linkOperator(op, rawValue: rawValue, label: label, path: valuePath)
            return .condition(WhereCondition(path: steps, target: .link(step), op: linkOp, key: key))
        }
        return try blobCondition(op, attr: attr, steps: steps, key: key, path: valuePath)
    }
}
