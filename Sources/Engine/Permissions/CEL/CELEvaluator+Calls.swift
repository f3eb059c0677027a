extension CELEvaluator {
    /// A call: the logical operators and `?:` control evaluation themselves; every
    /// other function is strict (the first failing argument fails the call).
    mutating func evaluateCall(_ expression: CELExpr, function: String, target: CELExpr?, arguments: [CELExpr])
        throws(CELEvaluationError) -> CELValue
    {
        switch function {
        case "_&&_" where arguments.count == 2: return try evaluateLogical(and: true, arguments[0], arguments[1])
        case "_||_" where arguments.count == 2: return try evaluateLogical(and: false, arguments[0], arguments[1])
        case "_?_:_" where arguments.count == 3:
            return try evaluateConditional(arguments[0], arguments[1], arguments[2])
        default: break
        }
        var values: [CELValue] = []
        values.reserveCapacity(arguments.count + 1)
        if let target { values.append(try evaluate(target)) }
        for argument in arguments { values.append(try evaluate(argument)) }
        do {
            return try invoke(function, values, isMember: target != nil)
        } catch {
            throw error.located(at: expression.offset)
        }
    }

    /// Applies a function to evaluated arguments (receiver first for methods).
    mutating func invoke(_ function: String, _ arguments: [CELValue], isMember: Bool) throws(CELEvaluationError)
        -> CELValue
    {
        let result: CELValue?
        switch function {
        case "ref": result = try ref(arguments)
        case "limit": result = try limit(arguments)
        default: result = try CELStandardLibrary.call(function, arguments)
        }
        guard let result else { throw Self.noMatchingOverload(function, isMember: isMember) }
        return result
    }

    /// cel-java's dispatch failure, listing the declared overload ids.
    static func noMatchingOverload(_ function: String, isMember: Bool) -> CELEvaluationError {
        let candidates = (CELFunctionTable.declarations[function] ?? []).filter { $0.isMember == isMember }.map(\.id)
        return CELEvaluationError(
            .overloadNotFound,
            "No matching overload for function '\(function)'. Overload candidates: \(candidates.joined(separator: ","))")
    }

    /// `data.ref(path)`, `linkedData.ref(path)`, `auth.ref('$user.' + path)`
    /// (permissions §3.4): `[]` when the map's `id` is null, else the context's lookup.
    mutating func ref(_ arguments: [CELValue]) throws(CELEvaluationError) -> CELValue? {
        guard arguments.count == 2, case .map(let map) = arguments[0], let target = map.refTarget,
            case .string(let path) = arguments[1]
        else { return nil }
        let id: String
        switch map.value(for: .string("id")) {
        case .string(let text): id = text
        case .null, nil: return .list([])
        case let other?:
            throw CELEvaluationError(
                .internalError, "Function '_ref' failed with arg(s) '\(other.displayText), \(path)'")
        }
        switch target {
        case .entity(let etype):
            return .list(try context.ref(etype: etype, id: id, path: path))
        case .auth:
            let stripped = path.hasPrefix("$user.") ? String(path.dropFirst(6)) : path
            return .list(try context.ref(etype: "$users", id: id, path: stripped))
        }
    }

    /// `rateLimit.<bucket>.limit(key)` / `.limit(key, tokens)` (permissions §3.7).
    mutating func limit(_ arguments: [CELValue]) throws(CELEvaluationError) -> CELValue? {
        guard arguments.count == 2 || arguments.count == 3, case .rateLimitBucket(let bucket) = arguments[0] else {
            return nil
        }
        var tokens: Int64 = 1
        if arguments.count == 3 {
            guard case .int(let count) = arguments[2] else { return nil }
            tokens = count
        }
        return .bool(try context.consumeRateLimit(bucket: bucket, key: arguments[1], tokens: tokens))
    }
}
