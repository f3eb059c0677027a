/// Lookups and on-the-fly attr creation for admin steps (data-model §2.6, §7.2).
extension AdminSteps {
    enum AttrKind {
        case id
        case blob
        case lookup
    }

    /// The attr `etype.label`, created when missing (or recorded as missing).
    mutating func attr(_ etype: String, _ label: String, kind: AttrKind) throws(InstantError) -> Attr {
        if let found = catalog.forward(etype, label) { return found }
        if kind == .blob, let reverse = catalog.reverse(etype, label) { return reverse }
        let unique = kind != .blob || label == "id"
        let attr = Attr(
            id: .random(), forwardIdentity: Attr.Identity(id: .random(), etype: etype, label: label),
            isUnique: unique, isIndexed: kind == .lookup)
        return create(attr)
    }

    /// The link attr for `label` seen from `etype`, created as many-to-many when missing.
    mutating func linkAttr(_ etype: String, _ label: String) throws(InstantError) -> (Attr, Bool) {
        if let (attr, isForward) = catalog.resolve(etype, label) {
            guard attr.isRef else {
                throw InstantError(.validationFailed, "Validation failed for attr: \(etype).\(label) needs to be a link")
            }
            return (attr, isForward)
        }
        let attr = Attr(
            id: .random(), forwardIdentity: Attr.Identity(id: .random(), etype: etype, label: label),
            reverseIdentity: Attr.Identity(id: .random(), etype: label, label: etype), valueType: .ref,
            cardinality: .many)
        return (create(attr), true)
    }

    private mutating func create(_ attr: Attr) -> Attr {
        if throwOnMissingAttrs {
            if !missing.contains(attr.qualifiedName) { missing.append(attr.qualifiedName) }
        } else {
            attrSteps.append(.addAttr(attr))
        }
        catalog.upsert(attr)
        return attr
    }

    /// An entity id or lookup in any of the admin forms (§7.2, §7.3).
    mutating func entityRef(_ raw: JSONValue, etype: String) throws(InstantError) -> EntityRef {
        switch raw {
        case .string(let s):
            if let id = EntityID(s) { return .id(id) }
            if s.hasPrefix("lookup__") {
                let rest = s.dropFirst("lookup__".count)
                guard let split = rest.range(of: "__") else { break }
                let label = String(rest[rest.startIndex..<split.lowerBound])
                guard let value = try? JSONParser.parse(String(rest[split.upperBound...])) else {
                    throw InstantError(.validationFailed, "lookup value is invalid")
                }
                return try lookup(etype, label, TxStep.normalizingUUIDs(value))
            }
        case .array(let pair) where pair.count == 2:
            if let label = pair[0].stringValue { return try lookup(etype, label, pair[1]) }
        case .object(let o):
            guard o.count == 1, let (label, value) = o.entries.first else {
                throw InstantError(.validationFailed, "lookup must be an object with a single unique attr and value.")
            }
            return try lookup(etype, label, value)
        default:
            break
        }
        let shown = raw.stringValue ?? raw.jsonString
        throw InstantError(
            .validationFailed, "Invalid entity ID '\(shown)'. Entity IDs must be UUIDs or lookup references.")
    }

    private mutating func lookup(_ etype: String, _ label: String, _ value: JSONValue) throws(InstantError) -> EntityRef {
        if catalog.forward(etype, label) == nil, label.contains(".") {
            // `owner.id`: the entity whose unique `owner` link points at the value.
            let parts = label.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[1] == "id" else {
                throw InstantError(.validationFailed, "\(label) is not a valid lookup attribute.")
            }
            let linkLabel = String(parts[0])
            if let (link, _) = catalog.resolve(etype, linkLabel) {
                guard link.isUnique else {
                    throw InstantError(.validationFailed, "\(label) is not a unique attribute on \(etype)")
                }
                return .lookup(attr: link.id, value: value)
            }
            let link = Attr(
                id: .random(), forwardIdentity: Attr.Identity(id: .random(), etype: etype, label: linkLabel),
                reverseIdentity: Attr.Identity(id: .random(), etype: linkLabel, label: etype), valueType: .ref,
                cardinality: .one, isUnique: true, isIndexed: true)
            return .lookup(attr: create(link).id, value: value)
        }
        let found = try attr(etype, label, kind: .lookup)
        guard found.isUnique else {
            throw InstantError(.validationFailed, "\(label) is not a unique attribute on \(etype)")
        }
        return .lookup(attr: found.id, value: value)
    }
}
