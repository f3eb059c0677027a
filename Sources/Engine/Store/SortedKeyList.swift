/// A sorted sequence of order keys stored in chunks of a few hundred keys.
///
/// Why chunks: an insert or remove touches one chunk (a binary search over chunk ends,
/// then a short memmove), so keeping an ordering current costs O(log n + chunk) per
/// changed triple, while a walk from any position costs O(1) per step. That is what
/// makes an ordered page O(limit) instead of O(entities) (issue #5). A value type: the
/// outer array and each chunk are copied on write, so store snapshots stay independent.
struct SortedKeyList: Sendable, BidirectionalCollection {
    /// A chunk is split in two when it grows past this many keys.
    static let maximumChunk = 512

    /// A key's place: which chunk, and where inside it.
    struct Index: Comparable, Sendable {
        var chunk: Int
        var offset: Int

        static func < (lhs: Index, rhs: Index) -> Bool {
            lhs.chunk != rhs.chunk ? lhs.chunk < rhs.chunk : lhs.offset < rhs.offset
        }
    }

    private var chunks: [[EntityOrderKey]] = []
    /// Number of keys (kept, because the collection default would walk every chunk).
    private(set) var storedCount = 0

    init() {}

    /// Builds the list from keys already in ascending order.
    init(sorted keys: [EntityOrderKey]) {
        let size = Self.maximumChunk / 2
        var start = 0
        while start < keys.count {
            chunks.append(Array(keys[start..<Swift.min(keys.count, start + size)]))
            start += size
        }
        storedCount = keys.count
    }

    var startIndex: Index { Index(chunk: 0, offset: 0) }
    var endIndex: Index { Index(chunk: chunks.count, offset: 0) }
    var count: Int { storedCount }
    var isEmpty: Bool { storedCount == 0 }

    subscript(position: Index) -> EntityOrderKey { chunks[position.chunk][position.offset] }

    func index(after i: Index) -> Index {
        i.offset + 1 < chunks[i.chunk].count ? Index(chunk: i.chunk, offset: i.offset + 1) : Index(chunk: i.chunk + 1, offset: 0)
    }

    func index(before i: Index) -> Index {
        i.offset > 0 ? Index(chunk: i.chunk, offset: i.offset - 1) : Index(chunk: i.chunk - 1, offset: chunks[i.chunk - 1].count - 1)
    }

    /// The first position whose key is not less than `key` (`endIndex` when none is).
    func lowerBound(_ key: EntityOrderKey) -> Index {
        let chunk = chunkIndex(for: key)
        guard chunk < chunks.count else { return endIndex }
        return Index(chunk: chunk, offset: Self.lowerBound(key, in: chunks[chunk]))
    }

    /// Adds a key (duplicates are kept; orderings never insert one twice).
    mutating func insert(_ key: EntityOrderKey) {
        storedCount += 1
        guard !chunks.isEmpty else {
            chunks = [[key]]
            return
        }
        let chunk = Swift.min(chunkIndex(for: key), chunks.count - 1)
        chunks[chunk].insert(key, at: Self.lowerBound(key, in: chunks[chunk]))
        if chunks[chunk].count > Self.maximumChunk {
            let upper = Array(chunks[chunk][(Self.maximumChunk / 2)...])
            chunks[chunk].removeLast(upper.count)
            chunks.insert(upper, at: chunk + 1)
        }
    }

    /// Removes one key equal to `key`; returns whether it was there.
    @discardableResult
    mutating func remove(_ key: EntityOrderKey) -> Bool {
        let i = lowerBound(key)
        guard i != endIndex, self[i] == key else { return false }
        storedCount -= 1
        chunks[i.chunk].remove(at: i.offset)
        if chunks[i.chunk].isEmpty { chunks.remove(at: i.chunk) }
        return true
    }

    /// The first chunk whose last key is not less than `key`; `chunks.count` when none.
    private func chunkIndex(for key: EntityOrderKey) -> Int {
        var low = 0
        var high = chunks.count
        while low < high {
            let mid = (low + high) / 2
            if chunks[mid][chunks[mid].count - 1] < key { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private static func lowerBound(_ key: EntityOrderKey, in chunk: [EntityOrderKey]) -> Int {
        var low = 0
        var high = chunk.count
        while low < high {
            let mid = (low + high) / 2
            if chunk[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
