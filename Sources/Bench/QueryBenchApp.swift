import Engine

/// The generated app of the query suite: users, posts and comments, about 1.04M triples
/// with the default sizes (10k users × 4, 100k posts × 5, 100k comments × 5).
///
/// `handle` is unique, indexed and typed; `createdAt` is an indexed number on posts and
/// comments, so "newest first" pages read a maintained ordering. Ids are deterministic.
struct QueryBenchApp {
    let users: Int
    let posts: Int
    let comments: Int

    static func attr(
        _ n: UInt64, _ etype: String, _ label: String, unique: Bool = false, indexed: Bool = false,
        type: Attr.CheckedDataType? = nil, ref: (etype: String, label: String)? = nil
    ) -> Attr {
        Attr(
            id: EntityID(high: 0x0000_0000_0000_4000, low: 0x8000_0000_0000_1a00 | n),
            forwardIdentity: Attr.Identity(id: EntityID(high: 0x0000_0000_0000_4000, low: 0x8000_0000_0000_1b00 | n), etype: etype, label: label),
            reverseIdentity: ref.map {
                Attr.Identity(id: EntityID(high: 0x0000_0000_0000_4000, low: 0x8000_0000_0000_1c00 | n), etype: $0.etype, label: $0.label)
            },
            valueType: ref == nil ? .blob : .ref, isUnique: unique, isIndexed: indexed, checkedDataType: type)
    }

    static let userID = attr(1, "users", "id", unique: true, indexed: true)
    static let handle = attr(2, "users", "handle", unique: true, indexed: true, type: .string)
    static let name = attr(3, "users", "name")
    static let email = attr(4, "users", "email", unique: true)
    static let postID = attr(5, "posts", "id", unique: true, indexed: true)
    static let title = attr(6, "posts", "title")
    static let body = attr(7, "posts", "body")
    static let postCreatedAt = attr(8, "posts", "createdAt", indexed: true, type: .number)
    static let author = attr(9, "posts", "author", ref: ("users", "posts"))
    static let commentID = attr(10, "comments", "id", unique: true, indexed: true)
    static let text = attr(11, "comments", "text")
    static let commentCreatedAt = attr(12, "comments", "createdAt", indexed: true, type: .number)
    static let post = attr(13, "comments", "post", ref: ("posts", "comments"))
    static let commenter = attr(14, "comments", "author", ref: ("users", "comments"))

    static let attrs = [
        userID, handle, name, email, postID, title, body, postCreatedAt, author, commentID, text, commentCreatedAt, post, commenter,
    ]

    /// A deterministic id for the n-th entity of a kind (1 users, 2 posts, 3 comments).
    static func entity(_ n: Int, kind: UInt64) -> EntityID {
        EntityID(high: 0x0000_0000_0000_4000 | kind << 16, low: 0x8000_0000_0000_0000 | UInt64(n))
    }

    /// The state with every triple, committed 2000 entities per transaction.
    func build() throws -> AppState {
        var state = AppState()
        _ = try state.transact(Self.attrs.map { .addAttr($0) }, now: 1)
        var steps: [TxStep] = []
        func flush(_ now: Int64) throws {
            if steps.count >= 10_000 {
                _ = try state.transact(steps, now: now)
                steps.removeAll(keepingCapacity: true)
            }
        }
        func add(_ e: EntityID, _ a: Attr, _ v: JSONValue) { steps.append(.addTriple(.id(e), attr: a.id, value: v, mode: nil)) }
        for n in 0..<users {
            let u = Self.entity(n, kind: 1)
            add(u, Self.userID, JSONValue(u))
            add(u, Self.handle, .string("user-\(n)"))
            add(u, Self.name, .string("User \(n)"))
            add(u, Self.email, .string("user-\(n)@example.com"))
            try flush(1_000)
        }
        for n in 0..<posts {
            let p = Self.entity(n, kind: 2)
            add(p, Self.postID, JSONValue(p))
            add(p, Self.title, .string("Post \(n)"))
            add(p, Self.body, .string("Body of post \(n), a few words long."))
            add(p, Self.postCreatedAt, .int(1_700_000_000_000 + Int64((n * 7919) % posts) * 1000))
            add(p, Self.author, JSONValue(Self.entity(n % users, kind: 1)))
            try flush(2_000 + Int64(n / 2_000))
        }
        for n in 0..<comments {
            let c = Self.entity(n, kind: 3)
            add(c, Self.commentID, JSONValue(c))
            add(c, Self.text, .string("Comment \(n)"))
            add(c, Self.commentCreatedAt, .int(1_700_000_000_000 + Int64(n) * 1000))
            add(c, Self.post, JSONValue(Self.entity((n * 31) % posts, kind: 2)))
            add(c, Self.commenter, JSONValue(Self.entity((n * 17) % users, kind: 1)))
            try flush(3_000 + Int64(n / 2_000))
        }
        _ = try state.transact(steps, now: 4_000)
        return state
    }
}
