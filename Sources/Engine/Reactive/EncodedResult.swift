/// A subscription's result as subscribers receive it.
public struct EncodedResult: Sendable, Equatable {
    /// `result` of `add-query-ok`, `instaql-result` of a `refresh-ok` computation.
    public var result: JSONValue
    /// `result-meta` (`page-info` and `aggregate` by top-level key) for the tree encoding,
    /// where clients read page-info only from it (protocol-http §6.4); nil for join-rows,
    /// which carry both inside the node.
    public var resultMeta: JSONValue?

    public init(result: JSONValue, resultMeta: JSONValue?) {
        self.result = result
        self.resultMeta = resultMeta
    }
}
