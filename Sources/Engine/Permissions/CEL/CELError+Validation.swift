extension CELError {
    /// A compile failure raised by rule handling rather than by CEL itself
    /// (`bind should have an even number of elements`); upstream places it at 1:1.
    public static func ruleProblem(_ message: String) -> CELError {
        .check([CELIssue(message: message, offset: 0, line: 1, column: 1)])
    }

    /// The `{message, in}` entries of a rule validation hint (permissions §9).
    public func validationEntries(in path: [String]) -> [JSONValue] {
        messages.map { message in
            .object(JSONObject([("message", .string(message)), ("in", .array(path.map { .string($0) }))]))
        }
    }
}

extension InstantError {
    /// A rule that fails to compile when a check needs it (permissions §3.6):
    /// `Validation failed for permission: <messages>`, hint
    /// `{data-type: "permission", input: path, errors: [{message}]}`.
    public static func permissionValidationFailed(path: [String], error: CELError) -> InstantError {
        let errors = error.messages.map { JSONValue.object(JSONObject([("message", .string($0))])) }
        let hint = JSONObject([
            ("data-type", .string("permission")), ("input", .array(path.map { .string($0) })),
            ("errors", .array(errors)),
        ])
        let message = "Validation failed for permission: " + error.messages.joined(separator: ", ")
        return InstantError(.validationFailed, message, hint: .object(hint))
    }
}

extension CELEvaluationError {
    /// The `message` and `hint` of upstream's `permission-evaluation-failed` error for
    /// a rule of `etype`/`action` (permissions §8.3). `showDetails` (admin requests,
    /// dry-run checks) puts the CEL error text where clients see `You may have a typo`.
    public func permissionFailure(etype: String, action: String, showDetails: Bool) -> (
        message: String, hint: JSONValue
    ) {
        let cause = showDetails ? message : "You may have a typo"
        let text =
            "Could not evaluate permission rule for `\(etype).\(action)`. \(cause). Debug this in the sandbox and then update your permission rules."
        let error = JSONObject([("type", .string(code.rawValue)), ("message", .string(text)), ("hint", .string(cause))])
        let hint = JSONObject([("rule", .array([.string(etype), .string(action)])), ("error", .object(error))])
        return (text, .object(hint))
    }
}
