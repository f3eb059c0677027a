/// The file side of an app's log: the open segment, and the segments on disk.
///
/// Only the log's flush queue touches it. The segment is opened on the first append,
/// so an app that is only read holds no descriptor.
struct SegmentWriter {
    /// The app directory.
    let directory: String
    /// First tx ids of the segments on disk, ascending; the last one is current.
    private(set) var segments: [Int64]
    /// Whether the last entry of `segments` may still be appended to.
    private var currentIsOpen: Bool
    private var descriptor: Int32?
    private var dataNeedsSync = false
    private var directoryNeedsSync = false

    /// A writer that appends to the last of `segments` (if `appendToLast`) or starts
    /// a new segment at the first append.
    init(directory: String, segments: [Int64], appendToLast: Bool) {
        self.directory = directory
        self.segments = segments
        currentIsOpen = appendToLast && !segments.isEmpty
    }

    private func path(_ file: LogFileName) -> String { directory + "/" + file.name }

    /// Appends framed records whose first tx id is `firstTxID`.
    mutating func append(_ bytes: [UInt8], firstTxID: Int64) throws(DurabilityError) {
        if descriptor == nil {
            if currentIsOpen, let first = segments.last {
                descriptor = try SystemFile.openForAppending(path(.segment(firstTxID: first)))
            } else {
                let file = path(.segment(firstTxID: firstTxID))
                let fd = try SystemFile.create(file, exclusive: false)
                descriptor = fd
                segments.append(firstTxID)
                currentIsOpen = true
                directoryNeedsSync = true
                try SystemFile.writeAll(fd, SegmentFormat.header(firstTxID: firstTxID), path: file)
            }
        }
        guard let fd = descriptor, let first = segments.last else { return }
        try SystemFile.writeAll(fd, bytes, path: path(.segment(firstTxID: first)))
        dataNeedsSync = true
    }

    /// Makes everything appended so far durable: the data, then a new file's name.
    mutating func sync() throws(DurabilityError) {
        if dataNeedsSync, let fd = descriptor, let first = segments.last {
            try SystemFile.syncData(fd, path: path(.segment(firstTxID: first)))
            dataNeedsSync = false
        }
        if directoryNeedsSync {
            try SystemFile.syncDirectory(directory)
            directoryNeedsSync = false
        }
    }

    /// Syncs and closes the current segment; the next append starts a new one.
    mutating func rotate() throws(DurabilityError) {
        try sync()
        close()
        currentIsOpen = false
    }

    /// Removes the segments whose records all precede a snapshot of `txID`, and older
    /// snapshots. The current segment always starts after `txID`: the rotation that
    /// accompanies every snapshot is ordered before this call.
    mutating func removeFiles(coveredBy txID: Int64) throws(DurabilityError) {
        let current = currentIsOpen ? segments.last : nil
        var kept: [Int64] = []
        for first in segments {
            if first <= txID && first != current {
                try SystemFile.remove(path(.segment(firstTxID: first)))
            } else {
                kept.append(first)
            }
        }
        segments = kept
        for name in try SystemFile.list(directory) {
            if case .snapshot(let id)? = LogFileName(parsing: name), id < txID {
                try SystemFile.remove(directory + "/" + name)
            }
        }
        try SystemFile.syncDirectory(directory)
    }

    /// Closes the descriptor, if open.
    mutating func close() {
        if let fd = descriptor { SystemFile.closeDescriptor(fd) }
        descriptor = nil
    }
}
