/// How a subscription's result is encoded for its subscribers.
///
/// Part of the subscription key: two clients asking the same query in different
/// encodings get different payloads, so they cannot share a stored result.
public enum ResultEncoding: Sendable, Hashable {
    /// The socket form, one node of join-rows (protocol-session §4.3); the browser
    /// client's default `return-type`.
    case joinRows
    /// The admin tree (protocol-http §5), used by admin live queries over SSE (§6).
    case tree(inference: Bool)

    /// Cardinality inference applies only to the tree.
    var inference: Bool {
        switch self {
        case .joinRows: false
        case .tree(let inference): inference
        }
    }

    /// Encodes an evaluated query; change detection compares these values, so a
    /// subscriber is told about exactly the changes it can see.
    func encode(_ result: QueryResult) -> EncodedResult {
        switch self {
        case .joinRows:
            EncodedResult(result: result.socketNodes, resultMeta: nil)
        case .tree(let inference):
            EncodedResult(
                result: result.adminTree(inference: inference),
                resultMeta: ["page-info": result.pageInfoJSON, "aggregate": result.aggregateJSON])
        }
    }
}
