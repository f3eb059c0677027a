import Engine

/// A session's group in the process-wide session queue (server-architecture §5.2): one
/// group per session, so its inputs run in arrival order, sharing turns with the other
/// sessions of its app.
struct SessionQueueKey: Hashable, Sendable {
    /// The app the client connected for (the `app_id` of the URL, as sent; not checked
    /// until `init`), which is the fairness class: one busy app cannot starve another.
    /// nil when the URL named none; the session is then a class of its own.
    let app: String?
    /// The session id sent in `init-ok` (and in `sse-init`).
    let session: EntityID

    /// The class the queue gives turns to round-robin.
    var fairnessClass: String {
        app.map { "app:\($0)" } ?? "session:\(session)"
    }
}
