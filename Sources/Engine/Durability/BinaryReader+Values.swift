/// Decodes what `BinaryWriter+Values` encodes.
extension BinaryReader {
    /// A JSON value; `depth` counts the containers around it.
    mutating func readJSON(depth: Int = 0) throws(DurabilityError) -> JSONValue {
        let tag = try readByte()
        return try readJSON(tag: tag, depth: depth)
    }

    private mutating func readJSON(tag: UInt8, depth: Int) throws(DurabilityError) -> JSONValue {
        guard let kind = ValueTag(rawValue: tag) else { throw .unknownTag(tag) }
        switch kind {
        case .null: return .null
        case .false: return .bool(false)
        case .true: return .bool(true)
        case .int: return .int(try readSigned())
        case .double: return .double(Double(bitPattern: try readUInt64()))
        case .bigNumber: return .bigNumber(try readString())
        case .string: return .string(try readString())
        case .array:
            guard depth < BinaryReader.maximumDepth else { throw .valueTooDeep }
            let count = try readCount()
            var elements: [JSONValue] = []
            elements.reserveCapacity(count)
            for _ in 0..<count { elements.append(try readJSON(depth: depth + 1)) }
            return .array(elements)
        case .object:
            guard depth < BinaryReader.maximumDepth else { throw .valueTooDeep }
            let count = try readCount()
            var object = JSONObject()
            for _ in 0..<count {
                let key = try readString()
                object[key] = try readJSON(depth: depth + 1)
            }
            return .object(object)
        case .entityID: throw .unknownTag(tag)
        }
    }

    /// A triple value: `entityID` + 16 bytes, or a JSON value.
    mutating func readTripleValue() throws(DurabilityError) -> TripleValue {
        let tag = try readByte()
        if tag == ValueTag.entityID.rawValue { return .id(try readID()) }
        return .json(try readJSON(tag: tag, depth: 0))
    }

    /// An attr as `BinaryWriter.appendAttr` wrote it.
    mutating func readAttr() throws(DurabilityError) -> Attr {
        let id = try readID()
        let forward = try readIdentity()
        let raw = try readVarint()
        guard raw <= UInt64(UInt16.max) else { throw .invalidLength(raw) }
        let flags = AttrFlags(rawValue: UInt16(raw))
        let reverse = flags.contains(.hasReverse) ? try readIdentity() : nil
        var checked: Attr.CheckedDataType?
        if flags.contains(.hasCheckedDataType) {
            let code = try readByte()
            guard let type = AttrFlags.checkedDataType(code: code) else { throw .unknownTag(code) }
            checked = type
        }
        let inferred = flags.contains(.hasInferredTypes) ? InferredTypes(rawValue: try readByte()) : nil
        return Attr(
            id: id, forwardIdentity: forward, reverseIdentity: reverse,
            valueType: flags.contains(.isRef) ? .ref : .blob,
            cardinality: flags.contains(.cardinalityMany) ? .many : .one,
            isUnique: flags.contains(.isUnique), isIndexed: flags.contains(.isIndexed),
            isRequired: flags.contains(.isRequired), checkedDataType: checked,
            onDeleteCascade: flags.contains(.onDeleteCascade),
            onDeleteReverseCascade: flags.contains(.onDeleteReverseCascade),
            inferredTypes: inferred, catalog: flags.contains(.systemCatalog) ? .system : .user)
    }

    private mutating func readIdentity() throws(DurabilityError) -> Attr.Identity {
        let id = try readID()
        let etype = try readString()
        let label = try readString()
        return Attr.Identity(id: id, etype: etype, label: label)
    }
}
