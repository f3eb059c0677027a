/// The binary payload of a commit record (one log frame, see `RecordFrame`).
///
/// Layout, version 1 (values as in `ValueTag`, attrs as in `AttrFlags`):
/// ```
/// kind u8 = 1 (commit)
/// tx id varint, created-at zigzag
/// attr change count, each: 1 + attr (upserted) | 2 + id (deleted)
/// attr table count, each: id (16 bytes)          -- changes name attrs by table index
/// inferred count, each: table index, types u8
/// change count, each: kind u8 (1 added, 2 retracted), entity (16 bytes),
///                     attr table index, t - created-at (zigzag), triple value
/// ```
extension CommitRecord {
    /// The kind byte that starts a commit payload; other kinds are reserved.
    static let payloadKind: UInt8 = 1

    /// Appends the payload.
    func encode(into writer: inout BinaryWriter) {
        writer.appendByte(CommitRecord.payloadKind)
        writer.appendVarint(UInt64(bitPattern: txID))
        writer.appendSigned(createdAt)
        writer.appendCount(attrChanges.count)
        for change in attrChanges {
            switch change {
            case .upserted(let attr):
                writer.appendByte(1)
                writer.appendAttr(attr)
            case .deleted(let id):
                writer.appendByte(2)
                writer.appendID(id)
            }
        }
        var table: [EntityID: Int] = [:]
        var ordered: [EntityID] = []
        func index(_ id: EntityID) -> Int {
            if let i = table[id] { return i }
            table[id] = ordered.count
            ordered.append(id)
            return ordered.count - 1
        }
        let indexes = changes.map { index($0.triple.attr) }
        for entry in inferredTypes { _ = index(entry.attr) }
        writer.appendCount(ordered.count)
        for id in ordered { writer.appendID(id) }
        writer.appendCount(inferredTypes.count)
        for entry in inferredTypes {
            writer.appendCount(table[entry.attr]!)
            writer.appendByte(entry.types.rawValue)
        }
        writer.appendCount(changes.count)
        for (change, attrIndex) in zip(changes, indexes) {
            writer.appendByte(change.kind.rawValue)
            writer.appendID(change.triple.entity)
            writer.appendCount(attrIndex)
            writer.appendSigned(change.triple.createdAt &- createdAt)
            writer.appendTripleValue(change.triple.value)
        }
    }

    /// Reads a payload that must fill the reader's range exactly.
    static func decode(from reader: inout BinaryReader) throws(DurabilityError) -> CommitRecord {
        let kind = try reader.readByte()
        guard kind == payloadKind else { throw .unknownTag(kind) }
        let txID = Int64(bitPattern: try reader.readVarint())
        let createdAt = try reader.readSigned()
        var attrChanges: [AttrChange] = []
        for _ in 0..<(try reader.readCount()) {
            let tag = try reader.readByte()
            switch tag {
            case 1: attrChanges.append(.upserted(try reader.readAttr()))
            case 2: attrChanges.append(.deleted(try reader.readID()))
            default: throw .unknownTag(tag)
            }
        }
        var table: [EntityID] = []
        for _ in 0..<(try reader.readCount()) { table.append(try reader.readID()) }
        var inferred: [AttrInferredTypes] = []
        for _ in 0..<(try reader.readCount()) {
            let id = table[try reader.readIndex(below: table.count)]
            inferred.append(AttrInferredTypes(attr: id, types: InferredTypes(rawValue: try reader.readByte())))
        }
        let count = try reader.readCount()
        var changes: [TripleChange] = []
        changes.reserveCapacity(count)
        for _ in 0..<count {
            let tag = try reader.readByte()
            guard let kind = TripleChange.Kind(rawValue: tag) else { throw .unknownTag(tag) }
            let entity = try reader.readID()
            let attrID = table[try reader.readIndex(below: table.count)]
            let t = createdAt &+ (try reader.readSigned())
            let value = try reader.readTripleValue()
            changes.append(
                TripleChange(kind: kind, triple: Triple(entity: entity, attr: attrID, value: value, createdAt: t)))
        }
        guard reader.isAtEnd else { throw .invalidLength(UInt64(reader.end - reader.position)) }
        return CommitRecord(
            txID: txID, createdAt: createdAt, attrChanges: attrChanges, changes: changes, inferredTypes: inferred)
    }
}
