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

    /// A problem with one tx step: `Validation failed for tx-step: <message>`.
    static func invalidStep(_ message: String, hint: JSONValue = .null) -> InstantError {
        InstantError(.validationFailed, "Validation failed for tx-step: \(message)", hint: hint)
    }

    static func invalidEntityID(_ raw: JSONValue, stepIndex: Int) -> InstantError {
        let shown = raw.stringValue ?? raw.jsonString
        return InstantError(
            .validationFailed,
            "Invalid entity ID '\(shown)'. Entity IDs must be UUIDs. Use id() or lookup() to generate a valid UUID.",
            hint: ["in": [.int(Int64(stepIndex)), 1]])
    }

    static func unknownAttr(_ id: EntityID) -> InstantError {
        InstantError(.sqlRaise, "Raised Exception: We could not find an attribute with id = '\(id.uuidString)'")
    }

    static func lookupMissing(attr: Attr, value: JSONValue) -> InstantError {
        InstantError(
            .validationFailed, "Validation failed for lookup: The entity for the lookup does not exist.",
            hint: [
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
        return InstantError(
            .validationFailed,
            "Invalid value type for \(attr.etype).\(attr.label). Value must be a \(type) but the provided value type is \(value.kindName).",
            hint: [
                "namespace": .string(attr.etype), "attribute": .string(attr.label), "value": value,
                "checked-data-type": .string(type), "attr-id": JSONValue(attr.id), "entity-id": JSONValue(entity),
            ])
    }

    static func valueTooLarge(attr: Attr, value: JSONValue, entity: EntityID) -> InstantError {
        let message =
            attr.isUnique
            ? "Value is too large for a unique attribute." : "Value is too large for an indexed attribute."
        return InstantError(
            .validationFailed, message,
            hint: [
                "namespace": .string(attr.etype), "attribute": .string(attr.label), "value-too-large?": true,
                "attr-id": JSONValue(attr.id), "entity-id": JSONValue(entity),
            ])
    }

    static func linkNotUUID(attr: Attr, value: JSONValue, entity: EntityID) -> InstantError {
        InstantError(
            .validationFailed, "Linked value must be a valid uuid.",
            hint: ["value": value, "attr-id": JSONValue(attr.id), "entity-id": JSONValue(entity)])
    }

    static let nullBytes = InstantError(
        .validationFailed, "A value in the transaction contains null bytes, which cannot be stored.")

    static let mergeOnLink = InstantError(.sqlRaise, "Raised Exception: merge operation is not supported for links")
}
