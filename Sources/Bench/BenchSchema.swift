import Engine

/// The generated app every benchmark writes: `items` with six attrs, so one entity
/// is six triples (id, title, n, done, score, owner link).
struct BenchSchema: Sendable {
    static let triplesPerEntity = 6

    let id = BenchSchema.attr(1, "id", unique: true, indexed: true)
    let title = BenchSchema.attr(2, "title")
    let number = BenchSchema.attr(3, "n", indexed: true)
    let done = BenchSchema.attr(4, "done")
    let score = BenchSchema.attr(5, "score")
    let owner = BenchSchema.attr(6, "owner", ref: true)

    /// The add-attr transaction.
    var attrSteps: [TxStep] { [id, title, number, done, score, owner].map { .addAttr($0) } }

    /// A deterministic id for the n-th entity of a kind.
    static func entity(_ n: Int, kind: UInt64 = 0xE) -> EntityID {
        EntityID(high: 0x0000_0000_0000_4000 | kind << 16, low: 0x8000_0000_0000_0000 | UInt64(n))
    }

    /// Steps creating entities `start ..< start + count`.
    func entities(_ range: Range<Int>) -> [TxStep] {
        var steps: [TxStep] = []
        steps.reserveCapacity(range.count * BenchSchema.triplesPerEntity)
        for n in range {
            let e = BenchSchema.entity(n)
            steps.append(.addTriple(.id(e), attr: id.id, value: JSONValue(e), mode: nil))
            steps.append(.addTriple(.id(e), attr: title.id, value: .string("Item number \(n)"), mode: nil))
            steps.append(.addTriple(.id(e), attr: number.id, value: .int(Int64(n)), mode: nil))
            steps.append(.addTriple(.id(e), attr: done.id, value: .bool(n % 3 == 0), mode: nil))
            steps.append(.addTriple(.id(e), attr: score.id, value: .double(Double(n) * 0.25), mode: nil))
            steps.append(
                .addTriple(.id(e), attr: owner.id, value: JSONValue(BenchSchema.entity(n % 1000, kind: 0xF)), mode: nil)
            )
        }
        return steps
    }

    private static func attr(
        _ n: UInt64, _ label: String, unique: Bool = false, indexed: Bool = false, ref: Bool = false
    ) -> Attr {
        Attr(
            id: EntityID(high: 0x0000_0000_0000_4000, low: 0x8000_0000_0000_0a00 | n),
            forwardIdentity: Attr.Identity(
                id: EntityID(high: 0x0000_0000_0000_4000, low: 0x8000_0000_0000_0b00 | n), etype: "items", label: label),
            reverseIdentity: ref
                ? Attr.Identity(
                    id: EntityID(high: 0x0000_0000_0000_4000, low: 0x8000_0000_0000_0c00 | n), etype: "users",
                    label: "items")
                : nil,
            valueType: ref ? .ref : .blob, isUnique: unique, isIndexed: indexed)
    }
}
