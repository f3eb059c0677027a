extension CELStandardLibrary {
    /// The error for 64-bit overflow (Java `Math.addExact`'s message).
    static func overflow(_ reason: String = "long overflow") -> CELEvaluationError {
        CELEvaluationError(.numericOverflow, reason)
    }

    /// The error for division or modulus by zero.
    static let divideByZero = CELEvaluationError(.divideByZero, "/ by zero")

    /// `a + b`: numbers of one kind, strings, bytes, lists, and time arithmetic.
    static func add(_ lhs: CELValue, _ rhs: CELValue) throws(CELEvaluationError) -> CELValue? {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            let (r, o) = a.addingReportingOverflow(b)
            if o { throw overflow() }
            return .int(r)
        case (.uint(let a), .uint(let b)):
            let (r, o) = a.addingReportingOverflow(b)
            if o { throw overflow("unsigned long overflow") }
            return .uint(r)
        case (.double(let a), .double(let b)): return .double(a + b)
        case (.string(let a), .string(let b)):
            guard a.utf8.count + b.utf8.count <= CELLimits.maxStringBytes else { throw stringTooLong }
            return .string(a + b)
        case (.bytes(let a), .bytes(let b)):
            guard a.count + b.count <= CELLimits.maxStringBytes else { throw stringTooLong }
            return .bytes(a + b)
        case (.list(let a), .list(let b)):
            guard a.count + b.count <= CELLimits.maxListLength else {
                throw CELEvaluationError(.invalidArgument, "list exceeds \(CELLimits.maxListLength) elements")
            }
            return .list(a + b)
        case (.timestamp(let t), .duration(let d)), (.duration(let d), .timestamp(let t)):
            guard let r = t.adding(d) else { throw overflow() }
            return .timestamp(r)
        case (.duration(let a), .duration(let b)):
            guard let r = a.adding(b) else { throw overflow() }
            return .duration(r)
        default: return nil
        }
    }

    /// `a - b`.
    static func subtract(_ lhs: CELValue, _ rhs: CELValue) throws(CELEvaluationError) -> CELValue? {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            let (r, o) = a.subtractingReportingOverflow(b)
            if o { throw overflow() }
            return .int(r)
        case (.uint(let a), .uint(let b)):
            let (r, o) = a.subtractingReportingOverflow(b)
            if o { throw overflow("unsigned long overflow") }
            return .uint(r)
        case (.double(let a), .double(let b)): return .double(a - b)
        case (.timestamp(let a), .timestamp(let b)):
            guard let r = a.difference(from: b) else { throw overflow() }
            return .duration(r)
        case (.timestamp(let t), .duration(let d)):
            guard let negated = d.negated, let r = t.adding(negated) else { throw overflow() }
            return .timestamp(r)
        case (.duration(let a), .duration(let b)):
            guard let negated = b.negated, let r = a.adding(negated) else { throw overflow() }
            return .duration(r)
        default: return nil
        }
    }

    /// `a * b`.
    static func multiply(_ lhs: CELValue, _ rhs: CELValue) throws(CELEvaluationError) -> CELValue? {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            let (r, o) = a.multipliedReportingOverflow(by: b)
            if o { throw overflow() }
            return .int(r)
        case (.uint(let a), .uint(let b)):
            let (r, o) = a.multipliedReportingOverflow(by: b)
            if o { throw overflow("unsigned long overflow") }
            return .uint(r)
        case (.double(let a), .double(let b)): return .double(a * b)
        default: return nil
        }
    }

    /// `a / b`: integer division truncates; dividing by zero is an error for integers.
    static func divide(_ lhs: CELValue, _ rhs: CELValue) throws(CELEvaluationError) -> CELValue? {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            if b == 0 { throw divideByZero }
            if a == Int64.min, b == -1 { throw overflow() }
            return .int(a / b)
        case (.uint(let a), .uint(let b)):
            if b == 0 { throw divideByZero }
            return .uint(a / b)
        case (.double(let a), .double(let b)): return .double(a / b)
        default: return nil
        }
    }

    /// `a % b` for integers; the result has the sign of the dividend (Java).
    static func modulo(_ lhs: CELValue, _ rhs: CELValue) throws(CELEvaluationError) -> CELValue? {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            if b == 0 { throw divideByZero }
            if b == -1 { return .int(0) }
            return .int(a % b)
        case (.uint(let a), .uint(let b)):
            if b == 0 { throw divideByZero }
            return .uint(a % b)
        default: return nil
        }
    }

    /// `-a` for `int` and `double`.
    static func negate(_ value: CELValue) throws(CELEvaluationError) -> CELValue? {
        switch value {
        case .int(let a):
            if a == Int64.min { throw overflow() }
            return .int(-a)
        case .double(let a): return .double(-a)
        default: return nil
        }
    }

    /// The error for a string or bytes value past `CELLimits.maxStringBytes`.
    static let stringTooLong = CELEvaluationError(
        .invalidArgument, "string exceeds \(CELLimits.maxStringBytes) bytes")
}
