/// What makes two subscriptions of one app the same computation: the query (structural
/// JSON equality, key order and number spelling ignored, protocol-session §15), who asks
/// (permissions may filter the result) and the result's encoding.
///
/// The app is implied: every `QueryStore` belongs to one `AppDatabase`. Sessions asking
/// the same thing share one subscription, so it is evaluated once per change.
public struct SubscriptionKey: Sendable, Hashable {
    /// The InstaQL query as received (its `$$ruleParams` included: they change the result).
    public var query: JSONValue
    /// Who evaluates it.
    public var identity: Identity
    /// The payload form.
    public var encoding: ResultEncoding

    public init(query: JSONValue, identity: Identity, encoding: ResultEncoding = .joinRows) {
        self.query = query
        self.identity = identity
        self.encoding = encoding
    }

    /// Options derived from the key alone, so every sharer evaluates identically.
    var options: QueryOptions {
        // Admin SSE (the tree encoding) is an admin request: CEL errors show details (§8.3).
        QueryOptions(
            isAdmin: identity.isAdmin, inference: encoding.inference,
            viewer: RuleViewer(identity, showsDetails: encoding != .joinRows))
    }
}
