/// Query validation errors with upstream's exact messages and hints
/// (data-model §4.2, §5.7, §6.1; upstream `throw-validation-err!`).
extension InstantError {
    /// `Validation failed for query[: messages]`, hint `{data-type: "query", input, errors}`.
    static func invalidQuery(
        _ query: JSONValue, in path: [String], expected: String, messages: [String] = []
    ) -> InstantError {
        let errors: [JSONValue] =
            messages.isEmpty
            ? [["expected": .string(expected), "in": .array(path.map { .string($0) })]]
            : messages.map {
                ["expected": .string(expected), "in": .array(path.map { .string($0) }), "message": .string($0)]
            }
        let text = messages.isEmpty ? "Validation failed for query" : "Validation failed for query: " + messages.joined(separator: ", ")
        return InstantError(
            .validationFailed, text, hint: ["data-type": "query", "input": query, "errors": .array(errors)])
    }

    /// A where value of the wrong shape, reported by upstream's spec conformance pass.
    static func invalidCoercedQuery(_ query: JSONValue, in path: [String], expected: String) -> InstantError {
        InstantError(
            .validationFailed, "Validation failed for coerced-query",
            hint: [
                "data-type": "coerced-query", "input": query,
                "errors": [["expected": .string(expected), "in": .array(path.map { .string($0) })]],
            ])
    }

    /// A non-final path segment or child label names a blob attr (§4.1).
    static func needsLink(_ attr: Attr, etype: String, label: String) -> InstantError {
        let message = "\(etype).\(label) needs to be a link"
        return InstantError(
            .validationFailed, "Validation failed for attr: \(message)",
            hint: ["data-type": "attr", "input": attr.json, "errors": [["message": .string(message)]]])
    }
}
