extension CELChecker {
    /// Checks a macro: the range must be a list, map or `dyn`; the predicate must be
    /// usable as the macro's fold step (cel-java reports the expanded call, e.g.
    /// `_&&_` for `all`).
    mutating func visitComprehension(_ expression: CELExpr, _ comprehension: CELComprehension) -> (CELExpr, CELType) {
        var node = expression
        let offset = expression.offset
        switch comprehension {
        case .all(let variable, let range, let predicate), .exists(let variable, let range, let predicate):
            let isAll = if case .all = comprehension { true } else { false }
            let (checkedRange, elementType) = visitRange(range)
            let (checkedPredicate, predicateType) = visitScoped(predicate, variable, elementType)
            requireStep(isAll ? "_&&_" : "_||_", [.bool, predicateType], at: offset)
            node.kind = .comprehension(
                isAll
                    ? .all(variable: variable, range: checkedRange, predicate: checkedPredicate)
                    : .exists(variable: variable, range: checkedRange, predicate: checkedPredicate))
            return (node, .bool)
        case .existsOne(let variable, let range, let predicate):
            let (checkedRange, elementType) = visitRange(range)
            let (checkedPredicate, predicateType) = visitScoped(predicate, variable, elementType)
            requireStep("_?_:_", [predicateType, .int, .int], at: offset)
            node.kind = .comprehension(.existsOne(variable: variable, range: checkedRange, predicate: checkedPredicate))
            return (node, .bool)
        case .filter(let variable, let range, let predicate):
            let (checkedRange, elementType) = visitRange(range)
            let (checkedPredicate, predicateType) = visitScoped(predicate, variable, elementType)
            requireStep("_?_:_", [predicateType, .list(elementType), .list(elementType)], at: offset)
            node.kind = .comprehension(.filter(variable: variable, range: checkedRange, predicate: checkedPredicate))
            return (node, .list(elementType))
        case .map(let variable, let range, let filter, let transform):
            let (checkedRange, elementType) = visitRange(range)
            let (checkedTransform, transformType) = visitScoped(transform, variable, elementType)
            var checkedFilter: CELExpr?
            if let filter {
                let (checked, filterType) = visitScoped(filter, variable, elementType)
                checkedFilter = checked
                requireStep("_?_:_", [filterType, .list(transformType), .list(transformType)], at: offset)
            }
            node.kind = .comprehension(
                .map(variable: variable, range: checkedRange, filter: checkedFilter, transform: checkedTransform))
            return (node, .list(transformType))
        case .bind(let variable, let value, let body):
            let (checkedValue, valueType) = visit(value)
            let (checkedBody, bodyType) = visitScoped(body, variable, valueType)
            node.kind = .comprehension(.bind(variable: variable, value: checkedValue, body: checkedBody))
            return (node, bodyType)
        }
    }

    /// Checks a comprehension range and returns the loop variable's type.
    mutating func visitRange(_ range: CELExpr) -> (CELExpr, CELType) {
        let (checked, type) = visit(range)
        switch type {
        case .list(let element): return (checked, element)
        case .map(let key, _): return (checked, key)
        case .dyn, .error, .parameter: return (checked, .dyn)
        default:
            report(
                "expression of type '\(type.formatted)' cannot be range of a comprehension (must be list, map, or dynamic)",
                at: range.offset)
            return (checked, .dyn)
        }
    }

    /// Checks `expression` with one more local in scope.
    mutating func visitScoped(_ expression: CELExpr, _ name: String, _ type: CELType) -> (CELExpr, CELType) {
        scopes.append((name, type))
        defer { scopes.removeLast() }
        return visit(expression)
    }

    /// Reports when the standard overload of a macro's expanded step does not accept
    /// the given argument types.
    mutating func requireStep(_ function: String, _ types: [CELType], at offset: Int) {
        guard let overloads = CELFunctionTable.declarations[function] else { return }
        _ = resolve(function, overloads, types, isMember: false, at: offset)
    }
}
