/// A subscription's result as subscribers receive it.
public struct EncodedResult: Sendable, Equatable {
    /// `result` of `add-query-ok`, `instaql-result` of a `refresh-ok` computation.
    public var result: JSONValue
    /// `result-meta` (`page-info` and `aggregate` by top-level key) for the tree encoding,
    /// where clients read page-info only from it (protocol-http §6.4); nil for join-rows,
    /// which carry both inside the node.
    public var resultMeta: JSONValue?
    /// `result` serialised once per evaluation: every subscriber of a shared
    /// subscription is sent these same bytes, so a commit that refreshes 500 sessions
    /// encodes each changed result once, not 500 times (issue 7's fan-out target).
    public let resultBytes: [UInt8]

    public init(result: JSONValue, resultMeta: JSONValue?) {
        self.result = result
        self.resultMeta = resultMeta
        resultBytes = result.jsonBytes
    }

    /// Equal when subscribers would see the same thing. Equal bytes settle it at once;
    /// different bytes may still be an equal result (object keys can come out in another
    /// order), so then the values decide.
    public static func == (lhs: EncodedResult, rhs: EncodedResult) -> Bool {
        guard lhs.resultMeta == rhs.resultMeta else { return false }
        return lhs.resultBytes == rhs.resultBytes || lhs.result == rhs.result
    }
}
