extension CELEvaluator {
    /// `!a` and `-a`.
    func applyUnary(_ op: CELUnaryOperator, _ value: CELValue, at offset: Int) throws(CELEvaluationError) -> CELValue {
        let result: CELValue?
        do {
            switch op {
            case .not:
                if case .bool(let b) = value { result = .bool(!b) } else { result = nil }
            case .negate:
                result = try CELStandardLibrary.negate(value)
            }
        } catch {
            throw error.located(at: offset)
        }
        guard let result else { throw Self.noMatchingOverload(op.rawValue, isMember: false).located(at: offset) }
        return result
    }

    /// A strict two-operand operator.
    func applyBinary(_ op: CELBinaryOperator, _ lhs: CELValue, _ rhs: CELValue, at offset: Int)
        throws(CELEvaluationError) -> CELValue
    {
        let result: CELValue?
        do {
            switch op {
            case .equals: result = .bool(lhs.isEqual(to: rhs))
            case .notEquals: result = .bool(!lhs.isEqual(to: rhs))
            case .less: result = CELStandardLibrary.compare(lhs, rhs) { $0 < 0 }
            case .lessEqual: result = CELStandardLibrary.compare(lhs, rhs) { $0 <= 0 }
            case .greater: result = CELStandardLibrary.compare(lhs, rhs) { $0 > 0 }
            case .greaterEqual: result = CELStandardLibrary.compare(lhs, rhs) { $0 >= 0 }
            case .add: result = try CELStandardLibrary.add(lhs, rhs)
            case .subtract: result = try CELStandardLibrary.subtract(lhs, rhs)
            case .multiply: result = try CELStandardLibrary.multiply(lhs, rhs)
            case .divide: result = try CELStandardLibrary.divide(lhs, rhs)
            case .modulo: result = try CELStandardLibrary.modulo(lhs, rhs)
            case .inside: result = CELStandardLibrary.contains(rhs, lhs)
            case .index: result = try CELStandardLibrary.index(lhs, rhs)
            }
        } catch {
            throw error.located(at: offset)
        }
        guard let result else { throw Self.noMatchingOverload(op.rawValue, isMember: false).located(at: offset) }
        return result
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
            "No matching overload for function '\(function)'. Overload candidates: \(candidates.joined(separator: ","))"
        )
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

extension CELPlan {
    /// The source offset of the node, when it has one (for error messages).
    var offset: Int? {
        switch self {
        case .variable(_, let offset), .local(_, let offset), .select(_, _, _, let offset), .unary(_, _, let offset),
            .binary(_, _, _, let offset), .call(_, _, _, let offset), .list(_, let offset),
            .comprehension(_, let offset):
            offset
        case .logical(_, let lhs, _): lhs.offset
        case .conditional(let condition, _, _): condition.offset
        case .map(let entries): entries.first?.offset
        case .constant, .failure: nil
        }
    }
}
