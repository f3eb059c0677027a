/// Taking snapshots and rotating segments (server-architecture §7.2, §7.4).
///
/// A snapshot of tx T is begun under the database lock: a `rotate` is queued right
/// after T's record, so every later record lands in a new segment, and a copy of the
/// state goes to the snapshot queue. The copy is copy-on-write: O(1) here, and the
/// next commits pay one copy of each table they touch while the snapshot reads the
/// old ones. Once the snapshot file is durable under its final name, a `removeFiles`
/// queued behind the rotation deletes the segments and snapshots it makes redundant.
/// A crash at any point leaves either the old snapshot with every segment since, or
/// the new one.
extension AppLog {
    /// Whether enough log was written since the last snapshot to take another.
    var isSnapshotDue: Bool {
        queue.withLock { q in
            !q.snapshotInProgress && q.failure == nil && q.bytesSinceSnapshot >= options.snapshotThresholdBytes
        }
    }

    /// Begins a background snapshot of `state`. Call under the database lock, after
    /// `state.lastTxID`'s record was appended.
    func beginSnapshot(of state: AppState) {
        guard startSnapshot() else { return }
        onSnapshotQueue { self.writeSnapshot(state) }
    }

    /// Queues the rotation that must sit right after the snapshot's last record; false
    /// when the log failed or a snapshot is already running. Call under the database
    /// lock, together with taking the state to snapshot.
    func startSnapshot() -> Bool {
        queue.withLock { q in
            guard q.failure == nil, !q.snapshotInProgress else { return false }
            q.snapshotInProgress = true
            q.bytesSinceSnapshot = 0
            q.operations.append(.rotate)
            scheduleDrain(&q)
            return true
        }
    }

    /// Writes the snapshot `startSnapshot` began, on the calling thread, and waits until
    /// it and the cleanup it allows are durable.
    func finishSnapshot(of state: AppState) throws(DurabilityError) {
        let result = writeSnapshot(state)
        waitUntilIdle()
        try result.get()
    }

    /// Writes the snapshot file (temp name, sync, rename, directory sync), then
    /// queues the removal of what it covers.
    @discardableResult
    private func writeSnapshot(_ state: AppState) -> Result<Void, DurabilityError> {
        let txID = state.lastTxID
        let final = directory + "/" + LogFileName.snapshot(txID: txID).name
        let temporary = final + LogFileName.temporarySuffix
        let result = Result { () throws(DurabilityError) in
            let fd = try SystemFile.create(temporary, exclusive: false)
            defer { SystemFile.closeDescriptor(fd) }
            try state.encodeSnapshot { (bytes) throws(DurabilityError) in
                try SystemFile.writeAll(fd, bytes, path: temporary)
            }
            try SystemFile.syncData(fd, path: temporary)
            try SystemFile.move(temporary, to: final)
            try SystemFile.syncDirectory(directory)
        }
        queue.withLock { q in
            q.snapshotInProgress = false
            if case .success = result {
                q.operations.append(.removeFiles(coveredBy: txID))
                scheduleDrain(&q)
            }
        }
        if case .failure(let error) = result {
            try? SystemFile.remove(temporary)
            AppLog.warn("\(directory): snapshot of tx \(txID) failed, keeping the log: \(error)")
        }
        return result
    }
}
