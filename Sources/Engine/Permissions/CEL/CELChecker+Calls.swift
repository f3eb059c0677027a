extension CELChecker {
    /// Checks a call: resolves qualified global names (`math.abs`), then picks the
    /// overloads that accept the argument types (cel-java `resolveOverload`).
    mutating func visitCall(_ expression: CELExpr, function: String, target: CELExpr?, arguments: [CELExpr])
        -> (CELExpr, CELType)
    {
        var node = expression
        let checkedArguments = arguments.map { visit($0) }
        let argumentExprs = checkedArguments.map(\.0)
        let argumentTypes = checkedArguments.map(\.1)
        guard let target else {
            let name = function.hasPrefix(".") ? String(function.dropFirst()) : function
            node.kind = .call(function: name, target: nil, arguments: argumentExprs)
            guard let overloads = CELFunctionTable.declarations[name] else {
                reportUndeclared(name, at: expression.offset)
                return (node, .error)
            }
            return (node, resolve(name, overloads, argumentTypes, isMember: false, at: expression.offset))
        }
        if let prefix = target.qualifiedName, let overloads = CELFunctionTable.declarations[prefix + "." + function] {
            let name = prefix + "." + function
            node.kind = .call(function: name, target: nil, arguments: argumentExprs)
            return (node, resolve(name, overloads, argumentTypes, isMember: false, at: expression.offset))
        }
        let (checkedTarget, targetType) = visit(target)
        node.kind = .call(function: function, target: checkedTarget, arguments: argumentExprs)
        guard let overloads = CELFunctionTable.declarations[function] else {
            reportUndeclared(function, at: expression.offset)
            return (node, .error)
        }
        return (node, resolve(function, overloads, [targetType] + argumentTypes, isMember: true, at: expression.offset))
    }

    /// The result type of the overloads of `function` that accept `types`, or an
    /// error type after reporting `found no matching overload`.
    mutating func resolve(
        _ function: String, _ overloads: [CELOverload], _ types: [CELType], isMember: Bool, at offset: Int
    )
        -> CELType
    {
        var result: CELType?
        for overload in overloads where overload.isMember == isMember && overload.parameters.count == types.count {
            var bindings = CELTypeBindings()
            var matches = true
            for (actual, expected) in zip(types, overload.parameters) where !bindings.isAssignable(actual, to: expected)
            {
                matches = false
                break
            }
            guard matches else { continue }
            let type = bindings.specialize(overload.result)
            if let previous = result, previous != type { result = .dyn } else if result == nil { result = type }
        }
        if let result { return result }
        if types.contains(.error) { return .error }
        report(
            "found no matching overload for '\(function)' applied to '\(Self.formatArguments(types, isMember: isMember))'",
            at: offset)
        return .error
    }

    /// cel-java `formatFunction`: `(int, string)` or `string.(int)` for methods.
    static func formatArguments(_ types: [CELType], isMember: Bool) -> String {
        let list = { (items: ArraySlice<CELType>) in "(" + items.map(\.formatted).joined(separator: ", ") + ")" }
        guard isMember, let receiver = types.first else { return list(types[...]) }
        return receiver.formatted + "." + list(types.dropFirst())
    }
}
