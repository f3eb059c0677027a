/// Rebuilds an `AppState` from the sections of a snapshot, in the order they must come.
///
/// Bulk building is what makes reloading fast: every table is created at its final
/// size, each entity's fact array too, and the tables are built in parallel once
/// every triple is decoded (`TripleStore.bulkLoaded(from:)`).
struct SnapshotBuilder {
    /// The section expected next.
    enum Phase {
        /// Before the meta section.
        case meta
        /// After meta, before the slot table.
        case slots
        /// After the slot table, before the attrs.
        case attrs
        /// Reading triples frames until the end frame.
        case triples
    }

    /// The state built so far.
    private(set) var state = AppState()
    private var phase = Phase.meta
    /// Snapshot slot number → slot in the rebuilt catalogue.
    private var slotMap: [AttrSlot] = []
    private var expectedEntities = 0
    private var expectedTriples = 0
    /// Triples read so far, indexed in one go at the end section.
    private var decoded = DecodedTriples(slotCount: 0)

    /// Consumes one section; returns true after the end section.
    mutating func read(_ reader: inout BinaryReader) throws(DurabilityError) -> Bool {
        let tag = try reader.readByte()
        guard let section = SnapshotFormat.Section(rawValue: tag) else { throw .unknownTag(tag) }
        var finished = false
        switch (phase, section) {
        case (.meta, .meta):
            state.lastTxID = Int64(bitPattern: try reader.readVarint())
            _ = try reader.readVarint()
            expectedEntities = Int(clamping: try reader.readVarint())
            expectedTriples = Int(clamping: try reader.readVarint())
            phase = .slots
        case (.slots, .slots):
            var distinct: [(slot: AttrSlot, count: Int)] = []
            for _ in 0..<(try reader.readCount()) {
                let slot = state.catalog.slot(for: try reader.readID())
                slotMap.append(slot)
                distinct.append((slot, min(Int(clamping: try reader.readVarint()), reader.bytes.count)))
            }
            decoded = DecodedTriples(slotCount: state.catalog.slotCount)
            for (slot, count) in distinct { decoded.distinctValues[Int(slot.rawValue)] = count }
            // Bounded by the file size, so damage cannot make this allocate wildly.
            let entities = min(expectedEntities, reader.bytes.count)
            decoded.entityIDs.reserveCapacity(entities)
            decoded.entityFacts.reserveCapacity(entities)
            phase = .attrs
        case (.attrs, .attrs):
            var live: [Attr] = []
            for _ in 0..<(try reader.readCount()) { live.append(try reader.readAttr()) }
            // Deleted first: a deleted attr may share a name with a live one, and the
            // live one must own the name afterwards.
            for _ in 0..<(try reader.readCount()) {
                let attr = try reader.readAttr()
                state.catalog.upsert(attr)
                state.catalog.softDelete(attr.id)
            }
            for attr in live { state.catalog.upsert(attr) }
            phase = .triples
        case (.triples, .triples):
            try readTriples(&reader)
        case (.triples, .end):
            let entities = try reader.readVarint()
            let triples = try reader.readVarint()
            guard entities == UInt64(expectedEntities), triples == UInt64(expectedTriples),
                decoded.entityIDs.count == expectedEntities, decoded.count == expectedTriples,
                let store = TripleStore.bulkLoaded(from: decoded)
            else { throw .invalidLength(triples) }
            decoded = DecodedTriples(slotCount: 0)
            state.store = store
            finished = true
        case (.meta, _), (.slots, _), (.attrs, _), (.triples, _):
            throw .unknownTag(tag)
        }
        guard reader.isAtEnd else { throw .invalidLength(UInt64(reader.end - reader.position)) }
        return finished
    }

    private mutating func readTriples(_ reader: inout BinaryReader) throws(DurabilityError) {
        let entityCount = try reader.readUInt32()
        var previous: Int64 = 0
        for _ in 0..<entityCount {
            let entity = try reader.readID()
            let factCount = try reader.readCount()
            guard factCount > 0 else { throw .invalidLength(0) }
            var facts = SnapshotBuilder.emptyFacts(capacity: factCount)
            for _ in 0..<factCount {
                let slot = slotMap[try reader.readIndex(below: slotMap.count)]
                previous = previous &+ (try reader.readSigned())
                facts.append(Fact(attr: slot, value: try reader.readTripleValue(), createdAt: previous))
            }
            decoded.append(entity, facts)
        }
    }

    /// An empty fact array that will not grow while its facts are appended.
    private static func emptyFacts(capacity: Int) -> ContiguousArray<Fact> {
        var facts = ContiguousArray<Fact>()
        facts.reserveCapacity(capacity)
        return facts
    }
}
