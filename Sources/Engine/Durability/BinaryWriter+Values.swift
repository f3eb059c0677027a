/// Encodes JSON values, triple values and attrs (formats in `ValueTag` and `AttrFlags`).
extension BinaryWriter {
    /// A JSON value, tag first. Recursive; depth is bounded by the parser that built it.
    mutating func appendJSON(_ value: JSONValue) {
        switch value {
        case .null: appendByte(ValueTag.null.rawValue)
        case .bool(let b): appendByte(b ? ValueTag.true.rawValue : ValueTag.false.rawValue)
        case .int(let i):
            appendByte(ValueTag.int.rawValue)
            appendSigned(i)
        case .double(let d):
            appendByte(ValueTag.double.rawValue)
            appendUInt64(d.bitPattern)
        case .bigNumber(let text):
            appendByte(ValueTag.bigNumber.rawValue)
            appendString(text)
        case .string(let s):
            appendByte(ValueTag.string.rawValue)
            appendString(s)
        case .array(let elements):
            appendByte(ValueTag.array.rawValue)
            appendCount(elements.count)
            for element in elements { appendJSON(element) }
        case .object(let object):
            appendByte(ValueTag.object.rawValue)
            appendCount(object.count)
            for (key, member) in object.entries {
                appendString(key)
                appendJSON(member)
            }
        }
    }

    /// A triple value: ids as `entityID` + 16 bytes, anything else as its JSON value.
    mutating func appendTripleValue(_ value: TripleValue) {
        switch value {
        case .id(let id):
            appendByte(ValueTag.entityID.rawValue)
            appendID(id)
        case .json(let json):
            appendJSON(json)
        }
    }

    /// An attr: id, forward identity, a flag word, then the optional parts the flags announce.
    mutating func appendAttr(_ attr: Attr) {
        appendID(attr.id)
        appendIdentity(attr.forwardIdentity)
        appendVarint(UInt64(AttrFlags(attr).rawValue))
        if let reverse = attr.reverseIdentity { appendIdentity(reverse) }
        if let checked = attr.checkedDataType { appendByte(AttrFlags.code(of: checked)) }
        if let inferred = attr.inferredTypes { appendByte(inferred.rawValue) }
    }

    private mutating func appendIdentity(_ identity: Attr.Identity) {
        appendID(identity.id)
        appendString(identity.etype)
        appendString(identity.label)
    }
}
