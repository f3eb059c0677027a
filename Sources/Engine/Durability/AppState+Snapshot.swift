/// Writing and reading the whole state in `SnapshotFormat`.
extension AppState {
    /// Encodes the state as a snapshot, handing the bytes to `emit` a frame group at a time.
    func encodeSnapshot(emit: ([UInt8]) throws(DurabilityError) -> Void) throws(DurabilityError) {
        var writer = BinaryWriter(capacity: SnapshotFormat.triplesFrameBytes + 4096)
        writer.bytes.append(contentsOf: SnapshotFormat.header(lastTxID: lastTxID))
        section(.meta, in: &writer) { w in
            w.appendVarint(UInt64(bitPattern: lastTxID))
            w.appendCount(catalog.slotCount)
            w.appendCount(store.entityCount)
            w.appendCount(store.count)
        }
        section(.slots, in: &writer) { w in
            w.appendCount(catalog.slotCount)
            for slot in 0..<catalog.slotCount {
                w.appendID(catalog.attrID(of: AttrSlot(UInt32(slot))))
                w.appendCount(store.valueIndex(AttrSlot(UInt32(slot))).count)
            }
        }
        section(.attrs, in: &writer) { w in
            let live = catalog.all
            w.appendCount(live.count)
            for attr in live { w.appendAttr(attr) }
            let deleted = catalog.deleted.values.sorted { $0.id < $1.id }
            w.appendCount(deleted.count)
            for attr in deleted { w.appendAttr(attr) }
        }
        var entities = store.entities.makeIterator()
        var pending: (EntityID, ContiguousArray<Fact>)? = entities.next()
        while pending != nil {
            section(.triples, in: &writer) { w in
                let countOffset = w.bytes.count
                w.appendUInt32(0)
                var count: UInt32 = 0
                var previous: Int64 = 0
                while let (entity, facts) = pending.map({ ($0.0, $0.1) }),
                    w.bytes.count < SnapshotFormat.triplesFrameBytes
                {
                    w.appendID(entity)
                    w.appendCount(facts.count)
                    for fact in facts {
                        w.appendCount(Int(fact.attr.rawValue))
                        w.appendSigned(fact.createdAt &- previous)
                        previous = fact.createdAt
                        w.appendTripleValue(fact.value)
                    }
                    count += 1
                    pending = entities.next()
                }
                w.patchUInt32(count, at: countOffset)
            }
            try emit(writer.bytes)
            writer.bytes.removeAll(keepingCapacity: true)
        }
        section(.end, in: &writer) { w in
            w.appendCount(store.entityCount)
            w.appendCount(store.count)
        }
        try emit(writer.bytes)
    }

    private func section(
        _ kind: SnapshotFormat.Section, in writer: inout BinaryWriter, _ body: (inout BinaryWriter) -> Void
    ) {
        let start = RecordFrame.begin(in: &writer)
        writer.appendByte(kind.rawValue)
        body(&writer)
        RecordFrame.finish(in: &writer, startingAt: start)
    }

    /// Rebuilds a state from snapshot bytes; any damage makes the whole snapshot invalid.
    static func decodeSnapshot(_ bytes: [UInt8], path: String) throws(DurabilityError) -> AppState {
        let headerTxID = try SnapshotFormat.readHeader(bytes, path: path)
        var scanner = FrameScanner(bytes, from: SnapshotFormat.headerSize)
        var builder = SnapshotBuilder()
        while true {
            switch scanner.next() {
            case .frame(let payload):
                var reader = BinaryReader(bytes, range: payload)
                do {
                    if try builder.read(&reader) { break }
                } catch {
                    throw .corruptSnapshot(path: path)
                }
                continue
            case .end, .damaged:
                throw .corruptSnapshot(path: path)
            }
            guard scanner.next() == .end, builder.state.lastTxID == headerTxID else {
                throw .corruptSnapshot(path: path)
            }
            return builder.state
        }
    }
}
