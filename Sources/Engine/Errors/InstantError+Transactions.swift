/// The transaction errors of data-model §7–§8, with upstream's exact wording.
extension InstantError {
    /// A malformed step: `Validation failed for tx-steps`.
    static func invalidSteps(expected: String, path: [JSONValue], input: JSONValue? = nil) -> InstantError {
        var error: JSONObject = ["expected": .string(expected), "in": .array(path)]
        if let input { error["input"] = input }
        return InstantError(
            .validationFailed, "Validation failed for tx-steps",
            hint: ["data-type": "tx-steps", "errors": [.object(error)]])
    }

    /// Upstream's `throw-validation-err!`: the message is `Validation failed for
    /// <data-type>: <message>` and the hint `{data-type, input, errors: [{message, …}]}`.
    static func validation(
        _ dataType: String, _ message: String, input: JSONValue = .null, details: JSONObject = [:]
    ) -> InstantError {
        var error: JSONObject = ["message": .string(message)]
        for (k, v) in details.entries { error[k] = v }
        return InstantError(
            .validationFailed, "Validation failed for \(dataType): \(message)",
            hint: ["data-type": .string(dataType), "input": input, "errors": [.object(error)]])
    }

    /// A problem with one tx step: `Validation failed for tx-step: <message>`.
    static func invalidStep(_ message: String, input: JSONValue = .null) -> InstantError {
        validation("tx-step", message, input: input)
    }

    /// An attr payload the catalogue refuses: `Validation failed for attributes: <message>` (§2.7).
    static func invalidAttributes(_ message: String, input: JSONValue = .null) -> InstantError {
        validation("attributes", message, input: input)
    }

    /// §8.1 step 3, raised while upstream validates the whole `tx-steps` vector.
    static func invalidEntityID(_ raw: JSONValue, stepIndex: Int) -> InstantError {
        let shown = raw.stringValue ?? raw.jsonString
        return validation(
            "tx-steps",
            "Invalid entity ID '\(shown)'. Entity IDs must be UUIDs. Use id() or lookup() to generate a valid UUID.",
            details: ["in": [.int(Int64(stepIndex)), 1]])
    }

    /// A lookup on an `id` attr whose value is not a UUID (§2.3). Upstream prints the
    /// lookup as a Clojure vector, `[#uuid "<attr-id>" <value>]`.
    static func invalidIDLookup(attr: Attr, value: JSONValue, stepIndex: Int, position: Int) -> InstantError {
        let shown = EntityRef.lookup(attr: attr.id, value: value).upstreamText
        return validation(
            "tx-steps",
            "Invalid lookup '\(shown)'. The lookup attribute is '\(attr.etype).\(attr.label)', but the lookup value is not a valid UUID.",
            details: ["in": [.int(Int64(stepIndex)), .int(Int64(position))]])
    }

    static func unknownAttr(_ id: EntityID) -> InstantError {
        InstantError(.sqlRaise, "Raised Exception: We could not find an attribute with id = '\(id.uuidString)'")
    }

    static func lookupMissing(attr: Attr, value: JSONValue) -> InstantError {
        validation(
            "lookup", "The entity for the lookup does not exist.",
            input: [
                "attribute-id": JSONValue(attr.id), "namespace": .string(attr.etype),
                "label": .string(attr.label), "value": value,
            ])
    }

    static func recordNotUnique(attr: Attr, value: JSONValue) -> InstantError {
        InstantError(
            .recordNotUnique,
            "`\(attr.label)` is a unique attribute on `\(attr.etype)` and an entity already exists with `\(attr.etype).\(attr.label)` = \(value.jsonString)",
            hint: [
                "record-type": "triple", "attr-id": JSONValue(attr.id), "etype": .string(attr.etype),
                "label": .string(attr.label), "value": value,
            ])
    }

    static func checkedType(attr: Attr, value: JSONValue, entity: EntityID) -> InstantError {
        let type = attr.checkedDataType?.rawValue ?? ""
        return checkViolation(
            "Invalid value type for \(attr.etype).\(attr.label). Value must be a \(type) but the provided value type is \(value.kindName).",
            attr: attr, value: value, entity: entity)
    }

    /// Upstream checks size with the `av` flag first: a unique attr gets the unique wording.
    static func valueTooLarge(attr: Attr, value: JSONValue, entity: EntityID) -> InstantError {
        let message =
            attr.isUnique
            ? "Value is too large for a unique attribute." : "Value is too large for an indexed attribute."
        return checkViolation(message, attr: attr, value: value, entity: entity, tooLarge: true)
    }

    static func linkNotUUID(attr: Attr, value: JSONValue, entity: EntityID) -> InstantError {
        checkViolation("Linked value must be a valid uuid.", attr: attr, value: value, entity: entity)
    }

    /// The three triple check constraints share one hint shape (upstream
    /// `translate-and-throw-psql-exception!`, `:check-violation`).
    private static func checkViolation(
        _ message: String, attr: Attr, value: JSONValue, entity: EntityID, tooLarge: Bool = false
    ) -> InstantError {
        var hint: JSONObject = [
            "namespace": .string(attr.etype), "attribute": .string(attr.label), "value": value,
            "checked-data-type": attr.checkedDataType.map { .string($0.rawValue) } ?? .null,
            "attr-id": JSONValue(attr.id), "entity-id": JSONValue(entity),
        ]
        if tooLarge { hint["value-too-large?"] = true }
        return InstantError(.validationFailed, message, hint: .object(hint))
    }

    static let nullBytes = InstantError(
        .validationFailed, "A value in the transaction contains null bytes, which cannot be stored.")

    static let mergeOnLink = InstantError(.sqlRaise, "Raised Exception: merge operation is not supported for links")
}
