/// Value validation and typing of where conditions (data-model §5.2, §5.7; upstream
/// `->value-attr-pat`, `coerce-value-for-typed-comparison!`).
extension InstaQLParser {
    /// Links compare entity ids: every operand must be a UUID.
    func linkOperator(_ op: RawOperator, rawValue: JSONValue, label: String, path: [String]) throws(InstantError) -> WhereOperator {
        func uuid(_ v: JSONValue) throws(InstantError) -> TripleValue {
            guard let id = v.entityID else {
                throw .invalidQuery(
                    root, in: path, expected: "uuid?", messages: ["Expected \(label) to be a uuid, got \(v.jsonString)"])
            }
            return .id(id)
        }
        switch op {
        case .equals(let v): return .equals(.raw([try uuid(v)]))
        case .not(let v): return .notEqual(.raw([try uuid(v)]))
        case .isNull(let b): return .isNull(b)
        case .oneOf(let list):
            var set: Set<TripleValue> = []
            for v in list {
                guard let id = v.entityID else {
                    throw .invalidQuery(
                        root, in: path, expected: "uuid?",
                        messages: ["Expected \(label) to match on a uuid, found \(v.jsonString) in \(JSONValue.array(list).jsonString)"])
                }
                set.insert(.id(id))
            }
            return .equals(.raw(set))
        case .compare, .like:
            throw .invalidQuery(
                root, in: path, expected: "uuid?", messages: ["Expected \(label) to be a uuid, got \(rawValue.jsonString)"])
        }
    }

    /// Blob attrs: type checks for typed attrs, typed matching for indexed typed ones.
    func blobCondition(
        _ op: RawOperator, attr: Attr, steps: [LinkStep], key: String, path: [String]
    ) throws(InstantError) -> WhereClause {
        func make(_ o: WhereOperator) -> WhereClause {
            .condition(WhereCondition(path: steps, target: .attr(attr), op: o, key: key))
        }
        let type = attr.checkedDataType
        func valueSet(_ values: [JSONValue]) throws(InstantError) -> ValueSet {
            if let type {
                var typed: Set<TypedValue> = []
                for v in values {
                    let t = try checkedValue(v, attr: attr, type: type, path: path)
                    if let t { typed.insert(t) }
                }
                if attr.isIndexed { return .typed(typed, type) }
            }
            return .raw(Set(values.map { TripleValue($0) }))
        }
        switch op {
        case .equals(let v): return make(.equals(try valueSet([v])))
        case .not(let v): return make(.notEqual(try valueSet([v])))
        case .isNull(let b): return make(.isNull(b))
        case .oneOf(let list):
            let nonNull = list.filter { !$0.isNull }
            let set = try valueSet(nonNull)
            guard nonNull.count < list.count else { return make(.equals(set)) }
            guard attr.isIndexed else {
                throw .invalidQuery(
                    root, in: path + ["$in"], expected: "indexed?",
                    messages: ["Only indexed attrs can check for `nil` in `$in`. \(attr.qualifiedName) is not indexed."])
            }
            return .any([make(.equals(set)), make(.isNull(true))])
        case .compare(let comparison, let v):
            let type = try comparableType(attr, path: path)
            guard let typed = try checkedValue(v, attr: attr, type: type, path: path + [comparison.rawValue]) else {
                return .nothing
            }
            return make(.compare(comparison, typed))
        case .like(let v, let caseInsensitive):
            let opName = caseInsensitive ? "$ilike" : "$like"
            _ = try comparableType(attr, path: path)
            guard let pattern = v.stringValue else {
                throw .invalidQuery(
                    root, in: path + [opName], expected: "string?",
                    messages: [
                        "The $like value for `\(attr.qualifiedName)` must be a string, but the query got the value `\(v.jsonString)` of type `\(v.kindName)`."
                    ])
            }
            if let type = attr.checkedDataType, type != .string, type != .date {
                _ = try checkedValue(v, attr: attr, type: type, path: path + [opName])
            }
            return make(.like(LikePattern(pattern, caseInsensitive: caseInsensitive)))
        }
    }

    /// Comparison operators need an indexed attr with an enforced type (§5.7).
    func comparableType(_ attr: Attr, path: [String]) throws(InstantError) -> Attr.CheckedDataType {
        guard attr.isIndexed else {
            throw .invalidQuery(
                root, in: path, expected: "indexed?",
                messages: ["The `\(attr.qualifiedName)` attribute must be indexed to use comparison operators."])
        }
        guard let type = attr.checkedDataType else {
            throw .invalidQuery(
                root, in: path, expected: "checked-data-type?",
                messages: ["The `\(attr.qualifiedName)` attribute must have an enforced type to use comparison operators."])
        }
        return type
    }

    /// Checks a query value against the attr's type; nil for JSON null.
    func checkedValue(
        _ v: JSONValue, attr: Attr, type: Attr.CheckedDataType, path: [String]
    ) throws(InstantError) -> TypedValue? {
        if v.isNull { return nil }
        let name = attr.qualifiedName
        let wrongType = InstantError.invalidQuery(
            root, in: path, expected: "\(type.rawValue)?",
            messages: [
                "The data type of `\(name)` is `\(type.rawValue)`, but the query got the value `\(v.jsonString)` of type `\(v.kindName)`."
            ])
        if type == .date {
            guard v.isNumber || v.stringValue != nil else { throw wrongType }
            guard let typed = TypedValue(stored: v, type: .date) else {
                throw .invalidQuery(
                    root, in: path, expected: "date-string?",
                    messages: [
                        "The data type of `\(name)` is `date`, but the query got value `\(v.jsonString)` of type `\(v.kindName)`."
                    ])
            }
            return typed
        }
        guard let typed = TypedValue(stored: v, type: type) else { throw wrongType }
        return typed
    }
}
