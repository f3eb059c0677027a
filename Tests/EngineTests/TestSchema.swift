@testable import Engine

/// A small app schema most transaction tests share: users, posts, profiles, tags.
///
/// * `users`: `id`; `email` unique + indexed + string; `handle` unique + indexed;
///   `name` plain; `age` checked number; `settings` plain (merge target).
/// * `posts`: `id`; `title`; `author` → users (one, `users.posts`, has-many side);
///   `tags` → tags (many – many); `body` indexed blob.
/// * `profiles`: `id`; `owner` → users (one – one, unique, `users.profile`).
/// * `tags`: `id`; `label` unique.
struct TestSchema {
    var usersID = Attr.makeID("users")
    var email = Attr.make("users", "email", unique: true, indexed: true, checked: .string)
    var handle = Attr.make("users", "handle", unique: true, indexed: true)
    var name = Attr.make("users", "name")
    var age = Attr.make("users", "age", checked: .number)
    var settings = Attr.make("users", "settings")
    var postsID = Attr.makeID("posts")
    var title = Attr.make("posts", "title")
    var body = Attr.make("posts", "body", indexed: true)
    var author = Attr.make("posts", "author", ref: ("users", "posts"))
    var postTags = Attr.make("posts", "tags", ref: ("tags", "posts"), cardinality: .many)
    var profilesID = Attr.makeID("profiles")
    var owner = Attr.make("profiles", "owner", ref: ("users", "profile"), unique: true)
    var tagsID = Attr.makeID("tags")
    var label = Attr.make("tags", "label", unique: true)

    var attrs: [Attr] {
        [
            usersID, email, handle, name, age, settings, postsID, title, body, author, postTags, profilesID, owner,
            tagsID, label,
        ]
    }

    /// `tx.users[e].update(values)` with this schema's id attr.
    func user(_ e: EntityID, _ values: [(Attr, JSONValue)] = [], mode: TxMode? = nil) -> [TxStep] {
        TxStep.update(e, id: usersID, values, mode: mode)
    }

    /// `tx.posts[e].update(values)`.
    func post(_ e: EntityID, _ values: [(Attr, JSONValue)] = [], mode: TxMode? = nil) -> [TxStep] {
        TxStep.update(e, id: postsID, values, mode: mode)
    }
}
