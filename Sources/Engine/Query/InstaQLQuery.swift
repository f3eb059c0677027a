/// An InstaQL query parsed into typed terms (data-model §4), ready to evaluate.
///
/// Parsing resolves every label against the attr catalogue once, so evaluation never
/// looks names up again and every validation error surfaces before any data is read.
public struct InstaQLQuery: Sendable {
    /// The top-level forms, in the order the query listed them.
    public var forms: [InstaQLForm]
}

/// One form: a top-level etype or a child link label, with its options and children.
public struct InstaQLForm: Sendable {
    /// The key as written in the query (result trees are keyed by it).
    public var key: String
    /// The etype whose entities the form selects; for a child, the far side of the link.
    public var etype: String
    /// How a child is reached from its parent; nil at the top level.
    public var link: LinkStep?
    /// `$` options.
    public var options: FormOptions
    /// Child forms, in query order.
    public var children: [InstaQLForm]
    /// The etype or label is unknown: the form yields nothing but must refresh once it appears
    /// (data-model §4.1, architecture §2.2 step 4).
    public var isMissing: Bool
}

/// One hop along a link, in either direction (data-model §2.1 label resolution).
public struct LinkStep: Sendable, Equatable {
    /// The ref attr.
    public var attr: Attr
    /// True when the label was the attr's forward name (source → target).
    public var isForward: Bool

    /// The etype on the far side of the hop.
    public var targetEtype: String {
        isForward ? (attr.reverseIdentity?.etype ?? "") : attr.etype
    }

    /// Whether at most one entity lies on the far side (cardinality inference, protocol-http §5).
    public var isSingular: Bool {
        isForward ? attr.cardinality == .one : attr.isUnique
    }
}
