/// One committed transaction as the log stores it (server-architecture §7.4):
/// enough to redo it on the state it was applied to, nothing more.
///
/// Replaying records in tx order reproduces the state exactly: the same triples with
/// the same `t`, the same attrs (inferred types included) and the same tx ids.
public struct CommitRecord: Sendable, Equatable {
    /// The transaction's id; every record's id is one more than the previous one's.
    public var txID: Int64
    /// The transaction's timestamp in epoch milliseconds.
    public var createdAt: Int64
    /// Attr changes, applied first, in order.
    public var attrChanges: [AttrChange]
    /// Triple changes, applied after the attr changes, in order.
    public var changes: [TripleChange]
    /// The inferred types of the changed attrs after the transaction. Recorded rather
    /// than recomputed so replay never depends on how types are inferred.
    public var inferredTypes: [AttrInferredTypes]

    /// A record from its parts (tests, tools); commits use `init(_ report:)`.
    public init(
        txID: Int64, createdAt: Int64, attrChanges: [AttrChange], changes: [TripleChange],
        inferredTypes: [AttrInferredTypes] = []
    ) {
        self.txID = txID
        self.createdAt = createdAt
        self.attrChanges = attrChanges
        self.changes = changes
        self.inferredTypes = inferredTypes
    }

    /// The record of a committed transaction.
    public init(_ report: TxReport) {
        var inferred: [AttrInferredTypes] = []
        for (id, attr) in report.attrs {
            if attr.catalog == .user, let types = attr.inferredTypes {
                inferred.append(AttrInferredTypes(attr: id, types: types))
            }
        }
        inferred.sort { $0.attr < $1.attr }
        self.init(
            txID: report.txID, createdAt: report.createdAt, attrChanges: report.attrChanges,
            changes: report.changes, inferredTypes: inferred)
    }
}
